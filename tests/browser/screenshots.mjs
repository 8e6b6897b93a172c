// Screenshots of a built site for review: the index, its first event and
// that event's first tag, at a phone's width (390 px, emulated), a split
// screen's (600 px) and a desktop's (1280 px), in Debian's Chromium.
//
//   node tests/browser/screenshots.mjs public shots            # nine PNGs in shots/
//   node tests/browser/screenshots.mjs public shots --readme   # and docs/screenshot-index.png
//
// The pages are opened from disk, as a reader opens a downloaded site.
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { WIDTHS, main, open } from "./lib.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// The index, the first event it lists and that event's first tag, as URLs.
async function pages(page, site) {
  const index = pathToFileURL(join(site, "index.html")).href;
  await page.goto(index);
  const event = await page.locator(".chronology .event-title a").first().evaluate((a) => a.href);
  await page.goto(event);
  const tag = await page.locator(".facts a[href*='tags/']").first().evaluate((a) => a.href);
  return { index, event, tag };
}

async function shoot({ site, out, readme }) {
  mkdirSync(out, { recursive: true });
  const written = [];
  for (const width of WIDTHS) {
    const { name, ...options } = width;
    const browser = await open({ ...options, colorScheme: "light" });
    const page = await browser.context.newPage();
    for (const [kind, url] of Object.entries(await pages(page, site))) {
      await page.goto(url);
      const file = join(out, `${kind}-${name}.png`);
      await page.screenshot({ path: file, fullPage: kind !== "index" });
      written.push(file);
      if (readme && kind === "index" && name === "1280") {
        const docs = join(repo, "docs/screenshot-index.png");
        await page.screenshot({ path: docs });
        written.push(docs);
      }
    }
    await browser.close();
  }
  return { written };
}

main(shoot, (args) => ({
  site: resolve(args[0] || "public"),
  out: resolve(args[1] || "screenshots"),
  readme: args.includes("--readme"),
}));
