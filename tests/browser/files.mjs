// Event pages with images and files kept beside their events, opened from
// disk, over a static server under a subpath, or from `annals serve`: every
// image of a body must have loaded (naturalWidth > 0), every link to a file
// must answer when served over HTTP, a link to another event must open it,
// and no page may throw, log an error or fail a request.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

// Input: {base, pages: [{path, follow}]}, where `follow` is the text of a
// body link to another event, to click. Output: per page, its images and
// the status of each link to a file (HTTP only).
main(async ({ base, pages }) => {
  const browser = await open();
  const result = {};
  try {
    for (const { path, follow } of pages) {
      const page = await browser.context.newPage();
      const seen = watch(page);
      await page.goto(base + path, { waitUntil: "load" });
      const images = await page.locator(".body img").evaluateAll((all) => all.map((img) => ({
        src: img.getAttribute("src"),
        loaded: img.complete && img.naturalWidth > 0,
        naturalWidth: img.naturalWidth,
      })));
      const files = base.startsWith("http") ? await statuses(page) : {};
      if (follow) {
        const title = await page.locator("h1").textContent();
        await page.locator(".body a", { hasText: follow }).first().click();
        await page.waitForLoadState("load");
        assert.notEqual(await page.locator("h1").textContent(), title, `${path}: ${follow} opened`);
      }
      assert.deepEqual(seen.errors, [], `${path}: errors`);
      // Leaving a page served by `annals serve` ends its reload stream.
      const failed = seen.failed.filter((f) => !f.includes("/__annals/events: net::ERR_ABORTED"));
      assert.deepEqual(failed, [], `${path}: failed requests`);
      const bad = seen.responses.filter((r) => r.status >= 400);
      assert.deepEqual(bad, [], `${path}: error responses`);
      result[path] = { images, files };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return result;
});

// The HTTP status of every body link to a file that is not a page.
async function statuses(page) {
  const hrefs = await page.locator(".body a[href]").evaluateAll((all) => all
    .map((a) => a.href)
    .filter((href) => href.startsWith(location.origin) && !/\.html(#.*)?$/.test(href)));
  const found = {};
  for (const href of hrefs) {
    found[href] = await page.evaluate(async (url) => {
      const response = await fetch(url);
      await response.arrayBuffer();
      return response.status;
    }, href);
  }
  return found;
}
