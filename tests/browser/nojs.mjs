// With JavaScript off: the index lists every event with a link, the
// search form stays hidden, and a listed link opens its event.
import assert from "node:assert/strict";
import { main, open } from "./lib.mjs";

main(async (input) => {
  const browser = await open({ javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    await page.goto(input.base + "index.html");
    assert.ok(await page.locator("#finder").isHidden(), "no dead search form");
    const hrefs = await page.locator(".chronology .event-title a").evaluateAll(
      (links) => links.map((link) => link.getAttribute("href")));
    const link = page.locator(".chronology .event-title a").last();
    const title = await link.textContent();
    await link.click();
    await page.waitForLoadState("load");
    assert.equal(await page.locator("h1").textContent(), title);
    return { hrefs };
  } finally {
    await browser.close();
  }
});
