// Benchmark: from saving an event file to an open page showing the change,
// measured in Chromium. Starts the release `annals serve` on a copy of a
// site, opens an event's page (one the index lists), then for each round
// retitles that event's file and takes the time from the moment before the
// file is written (in Node) to the moment the reloaded page's <h1> holds
// the new title (in the page, by a MutationObserver installed before any of
// the page's own scripts run); then the same with the index open instead.
// Both clocks are the system clock (`performance.timeOrigin + now()`).
// Prints, as JSON, for the event page and for the index, the median, worst
// and every time of: `shown`, save to new text in the page; `message`,
// save to the reload message reaching the page (the watcher and the
// rebuild's share); `rebuild`, what the server printed ("rebuilt N pages in
// M ms", from the end of the watcher's wait to the last page rendered);
// `reload`, a plain reload of the same page to its text (the browser's
// share).
//
//   cargo build --release
//   node bench/browser_reload.mjs                    # this repository's site
//   python3 bench/corpus.py --annals-only 10000 /tmp/corpus
//   node bench/browser_reload.mjs /tmp/corpus/annals # 10 000 events
//
// Options: --rounds N (20). `ANNALS` names another binary, `CHROMIUM`
// another browser. The site is copied, never edited in place.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { main, open } from "../tests/browser/lib.mjs";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const WAIT = 30000;

// A copy of `site` (or of this repository's site.yaml and content/).
function copy(site) {
  const dir = mkdtempSync(join(tmpdir(), "annals-reload-"));
  const from = site || REPO;
  cpSync(join(from, "site.yaml"), join(dir, "site.yaml"));
  for (const folder of ["content", "templates", "static", "i18n"]) {
    if (site || folder === "content") {
      try { cpSync(join(from, folder), join(dir, folder), { recursive: true }); } catch { /* absent */ }
    }
  }
  return dir;
}

// `annals serve` on `root`: its URL, and a promise for each line it prints
// containing "rebuilt".
function serve(root) {
  const binary = process.env.ANNALS || join(REPO, "target/release/annals");
  const child = spawn(binary, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
  const waiting = [];
  const rebuilt = () => new Promise((resolve) => waiting.push(resolve));
  return new Promise((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`${binary}: ${error.message}: run cargo build --release`)));
    child.on("exit", (code) => reject(new Error(`annals serve exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const url = line.match(/^serving (http:\/\/\S+)/);
      if (url) { resolve({ url: url[1], rebuilt, stop: () => child.kill() }); }
      if (line.includes("rebuilt")) { waiting.splice(0).forEach((done) => done(line)); }
    });
  });
}

// The content file whose stem is `slug`.
function find(dir, slug) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === `${slug}.md`) { return join(entry.parentPath, entry.name); }
  }
  throw new Error(`no content file for ${slug}`);
}

// Records, in every document of the tab, when `selector` first holds the
// title the tab waits for (kept in sessionStorage across reloads), and when
// the first reload message arrives (on a stream of its own, beside the
// page's).
function observe() {
  const record = () => {
    const expected = sessionStorage.getItem("annals-expected");
    const selector = sessionStorage.getItem("annals-selector");
    if (!expected || window.annalsShown) { return; }
    for (const element of document.querySelectorAll(selector)) {
      if (element.textContent.trim() === expected) {
        window.annalsShown = performance.timeOrigin + performance.now();
        return;
      }
    }
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
  new EventSource("/__annals/events").addEventListener("reload", () => {
    if (!sessionStorage.getItem("annals-message")) {
      sessionStorage.setItem("annals-message", String(performance.timeOrigin + performance.now()));
    }
  });
}

// Waits until the tab shows `title`; when, on the system clock.
async function shown(tab, title) {
  await tab.page.locator(tab.selector).filter({ hasText: title }).first().waitFor({ timeout: WAIT });
  const at = await tab.page.evaluate(() => window.annalsShown);
  if (!at) { throw new Error("the title is shown but was not observed"); }
  return at;
}

// Expects `title` in the tab from now on.
function expect(tab, title) {
  return tab.page.evaluate((t) => {
    sessionStorage.setItem("annals-expected", t);
    sessionStorage.removeItem("annals-message");
    window.annalsShown = 0;
  }, title);
}

async function tab(context, url, selector) {
  const page = await context.newPage();
  await page.addInitScript(observe);
  await page.goto(url);
  await page.evaluate((s) => sessionStorage.setItem("annals-selector", s), selector);
  return { page, selector };
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  return { median: round(sorted[Math.floor(sorted.length / 2)]), worst: round(sorted[sorted.length - 1]), all: times.map(round) };
}

// Retitles `file` `rounds` times with one `tab` open: for each save, the
// time until the tab shows it, until the reload message came, and the
// server's rebuild time; then the time a plain reload of the tab takes to
// show the page, the browser's own share.
async function edit(server, tab, file, rounds) {
  const original = readFileSync(file, "utf8");
  const times = { shown: [], message: [], rebuild: [], reload: [] };
  // Let the page's event stream open.
  await new Promise((resolve) => setTimeout(resolve, 500));
  let title = "";
  for (let round = 0; round < rounds; round++) {
    title = `Edited title ${round}`;
    await expect(tab, title);
    const rebuilt = server.rebuilt();
    const saved = performance.timeOrigin + performance.now();
    writeFileSync(file, original.replace(/^title:.*$/m, `title: "${title}"`));
    times.shown.push(await shown(tab, title) - saved);
    const message = await tab.page.evaluate(() => Number(sessionStorage.getItem("annals-message")));
    // Its own stream may have opened too late to hear it.
    if (message > 0) { times.message.push(message - saved); }
    // Each save starts from an idle server, as an editor's does.
    times.rebuild.push(Number((await rebuilt).match(/in (\d+) ms/)[1]));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (let round = 0; round < rounds; round++) {
    await expect(tab, title);
    const asked = performance.timeOrigin + performance.now();
    await tab.page.reload({ waitUntil: "commit" });
    times.reload.push(await shown(tab, title) - asked);
  }
  writeFileSync(file, original);
  await server.rebuilt();
  return Object.fromEntries(Object.entries(times).map(([key, all]) => [key, stats(all)]));
}

async function measure({ site, rounds }) {
  const root = copy(site);
  let server = null, browser = null;
  try {
    server = await serve(root);
    browser = await open();
    const index = await tab(browser.context, server.url, ".chronology .event-title");
    const links = await index.page.locator(".chronology .event-title a").evaluateAll(
      (all) => all.map((a) => a.getAttribute("href")));
    await index.page.close();
    const href = links[Math.floor(links.length / 2)];
    const file = find(join(root, "content"), basename(href, ".html"));
    const result = { site: site || "this repository", page: href, rounds };
    for (const [name, url, selector] of [["event", server.url + href, "h1"], ["index", server.url, index.selector]]) {
      const opened = await tab(browser.context, url, selector);
      result[name] = await edit(server, opened, file, rounds);
      await opened.page.close();
    }
    return result;
  } finally {
    await browser?.close();
    server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main(measure, (args) => {
  const rounds = args.indexOf("--rounds");
  const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--rounds");
  return { site: positional[0], rounds: rounds >= 0 ? Number(args[rounds + 1]) : 20 };
});
