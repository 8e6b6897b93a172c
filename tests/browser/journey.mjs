// The reader's journey on the index, by file:// or over HTTP under a
// subpath: no console errors and no failed requests; "/" focuses search;
// a word found only in one event's body finds that event; a tag filter
// shows exactly that tag's events and lives in the hash, so back and
// forward restore it; clear; an event page, its "next" link and the "j"
// key, and back again. Over HTTP it also weighs the index with everything
// it loads, from an empty cache.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

const titles = (page) => page.locator("#result-list .event-title").allTextContents();

// Waits until the results are shown and no longer waiting for the search
// index's shards (search.js marks them aria-busy meanwhile).
async function settled(page) {
  await page.locator("#results:not([aria-busy]) #result-list li").first().waitFor();
}

async function weigh(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  const files = [];
  cdp.on("Network.loadingFinished", (event) => { bytes += event.encodedDataLength; });
  cdp.on("Network.responseReceived", (event) => files.push(event.response.url));
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return { bytes, files };
}

async function search(page, input) {
  await page.locator("body").press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q", "/ focuses the search box");
  await page.keyboard.type(input.word);
  await settled(page);
  assert.deepEqual(await titles(page), [input.wordTitle], `searching ${input.word}`);
  assert.ok(await page.locator("#result-list mark").count() > 0, "the match is highlighted");
  await page.waitForURL((url) => url.hash === `#q=${input.word}`);
  assert.ok(await page.locator("#browse").isHidden(), "results replace the full list");
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  assert.ok(await page.locator("#results").isHidden(), "clear hides the results");
  assert.ok(await page.locator("#browse").isVisible(), "clear shows the full list");
}

async function filter(page, input) {
  await page.locator("#filters > summary").click();
  await page.getByRole("checkbox", { name: input.tag, exact: true }).check();
  await settled(page);
  if (await page.locator("#more").isVisible()) {
    await page.locator("#more").click();
    await page.locator("#more").waitFor({ state: "hidden" });
    await settled(page);
  }
  assert.deepEqual(await titles(page), input.tagTitles, `filtering by ${input.tag}`);
  assert.ok(page.url().includes(`tag=${input.tagSlug}`), `the tag is in the hash: ${page.url()}`);
  await page.goBack();
  await page.locator("#results").waitFor({ state: "hidden" });
  assert.equal(await page.getByRole("checkbox", { name: input.tag, exact: true }).isChecked(), false);
  await page.goForward();
  await settled(page);
  assert.equal(await page.getByRole("checkbox", { name: input.tag, exact: true }).isChecked(), true);
  assert.equal((await titles(page)).length, Math.min(input.tagTitles.length, 50), "forward restores the filter");
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await page.locator("#results").waitFor({ state: "hidden" });
}

async function browse(page, input) {
  const index = page.url();
  await page.locator("#browse .event-title a").first().click();
  await page.waitForLoadState("load");
  assert.equal(await page.locator("h1").textContent(), input.first);
  await page.getByRole("link", { name: /^Next/ }).click();
  await page.waitForLoadState("load");
  assert.equal(await page.locator("h1").textContent(), input.second, "next is the second event");
  assert.ok(await page.locator("#keys").isVisible(), "the keyboard hint shows");
  await page.goBack();
  await page.waitForLoadState("load");
  assert.equal(await page.locator("h1").textContent(), input.first, "back returns");
  await page.locator("body").press("j");
  await page.waitForURL((url) => !url.href.endsWith(input.firstHref));
  assert.equal(await page.locator("h1").textContent(), input.second, "j opens the next event");
  await page.locator("body").press("k");
  await page.waitForURL((url) => url.href.endsWith(input.firstHref));
  for (const _ of [1, 2, 3]) { await page.goBack(); }
  await page.waitForURL(index);
  assert.ok(await page.locator("#browse").isVisible(), "back on the index");
}

main(async (input) => {
  const browser = await open();
  try {
    const weight = input.base.startsWith("http") ? await weigh(browser.context, input.base) : null;
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(input.base + "index.html");
    await page.locator("#finder").waitFor();
    await search(page, input);
    await filter(page, input);
    await browse(page, input);
    assert.deepEqual(seen.errors, [], "console errors");
    assert.deepEqual(seen.failed, [], "failed requests");
    const bad = seen.responses.filter((r) => r.status >= 400);
    assert.deepEqual(bad, [], "every request succeeds");
    const external = seen.responses.filter((r) => !r.url.startsWith(input.base));
    assert.deepEqual(external, [], "no request leaves the site");
    return { requests: seen.responses.length, weight };
  } finally {
    await browser.close();
  }
});
