// A search whose shards cannot be loaded says so instead of waiting for
// ever: the index's word shards are gone, the word is typed, the status
// reports the failure and the results are no longer busy.
import assert from "node:assert/strict";
import { main, open } from "./lib.mjs";

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    await page.goto(input.base + "index.html");
    await page.locator("#finder").waitFor();
    await page.locator("#q").fill(input.word);
    await page.locator("#results:not([aria-busy]) #status:not(:empty)").waitFor({ timeout: 10000 });
    const status = await page.locator("#status").textContent();
    assert.equal(await page.locator("#result-list li").count(), 0, "no stale results");
    return { status };
  } finally {
    await browser.close();
  }
});
