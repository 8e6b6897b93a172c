// The published not-found page at an address deep under the site, as
// GitHub Pages serves it: the host answers any missing path with the
// site's 404.html, whose links must still lead to the site's own files.
import { readFileSync } from "node:fs";
import { main, open, watch } from "./lib.mjs";

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const seen = watch(page);
    const body = readFileSync(input.notFound);
    await page.route((url) => url.pathname.includes("/no/such/"), (route) =>
      route.fulfill({ status: 404, contentType: "text/html; charset=utf-8", body }));
    await page.goto(input.base + "no/such/deep/page.html");
    const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    const links = await page.locator("header a, main a").evaluateAll((as) => as.map((a) => a.href));
    const broken = seen.responses.filter((r) => r.status >= 400 && !r.url.includes("/no/such/"));
    // The page's own 404 status is logged as a failed load; any other
    // failed load is in `broken`.
    const errors = seen.errors.filter((e) => !e.startsWith("Failed to load resource"));
    return { styled, links, broken, failed: seen.failed, errors };
  } finally {
    await browser.close();
  }
});
