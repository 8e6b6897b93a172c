// A secondary edition's reader meets an event it does not translate: from
// its index, by the listing and by search, the link leads to the default
// edition's page, marked with the original's language and the edition's
// "not translated"; the page opens with no console or page errors and no
// failed requests; the language switcher of a translated event's page
// leads to the same event in the other edition.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const seen = watch(page);
    const landed = [];
    // By the listing.
    await page.goto(input.base + input.edition + "index.html");
    const card = page.locator(`#browse .event-card[id="${input.slug}"]`);
    const listed = card.locator(".event-title a");
    assert.equal(await listed.getAttribute("hreflang"), input.lang, "the listing's link");
    assert.equal(await card.locator(".event-title").getAttribute("lang"), input.lang);
    assert.equal((await card.locator(".untranslated").textContent()).trim(), input.marker);
    await listed.click();
    await page.waitForLoadState("load");
    landed.push(new URL(page.url()).pathname);
    assert.equal(await page.locator("html").getAttribute("lang"), input.lang, "the original's page");
    assert.equal((await page.locator("article.event h1").textContent()).trim(), input.title);
    // By search.
    await page.goto(input.base + input.edition + "index.html");
    await page.locator("#q").fill(input.query);
    const item = page.locator("#result-list .event-card", {
      has: page.locator(`a[hreflang="${input.lang}"]`),
    }).first();
    const result = item.locator(".event-title a");
    await result.waitFor();
    assert.equal((await item.locator(".untranslated").textContent()).trim(), input.marker);
    assert.equal(await item.locator(".event-title").getAttribute("lang"), input.lang);
    await result.click();
    await page.waitForLoadState("load");
    landed.push(new URL(page.url()).pathname);
    assert.equal((await page.locator("article.event h1").textContent()).trim(), input.title);
    // The switcher of a translated event.
    await page.goto(input.base + input.edition + "events/" + input.translated + ".html");
    await page.locator(`nav.languages a[hreflang="${input.lang}"]`).click();
    await page.waitForLoadState("load");
    landed.push(new URL(page.url()).pathname);
    assert.equal(await page.locator("html").getAttribute("lang"), input.lang);
    assert.deepEqual(seen.errors, [], "console and page errors");
    assert.deepEqual(seen.failed, [], "failed requests");
    return { landed };
  } finally {
    await browser.close();
  }
});
