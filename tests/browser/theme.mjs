// The theme switch, from disk: the reader's choice changes the colours at
// once, is remembered on the next page, and is applied before the page's
// body exists (so nothing is ever painted in the other theme); a second
// press goes back.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

// Records the theme at the moment <body> is parsed, before any paint.
const AT_BODY = `
  new MutationObserver((changes, observer) => {
    if (document.body) {
      window.themeAtBody = document.documentElement.dataset.theme || "system";
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

main(async ({ base, event }) => {
  const browser = await open({ colorScheme: "light" });
  try {
    await browser.context.addInitScript(AT_BODY);
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(base + "index.html");
    const button = page.locator("#theme");
    assert.equal(await button.getAttribute("aria-pressed"), "false", "light, as the system is");
    const light = await background(page);
    await button.click();
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    const dark = await background(page);
    assert.notEqual(dark, light, "the colours change at once");
    await page.goto(base + event);
    assert.equal(await page.evaluate(() => window.themeAtBody), "dark", "applied before <body>");
    assert.equal(await background(page), dark, "remembered on the next page");
    assert.equal(await page.locator("#theme").getAttribute("aria-pressed"), "true");
    await page.locator("#theme").click();
    await page.goto(base + "index.html");
    assert.equal(await page.evaluate(() => window.themeAtBody), "light");
    assert.equal(await background(page), light, "and back");
    assert.deepEqual(seen.errors, [], "console and page errors");
    return { light, dark };
  } finally {
    await browser.close();
  }
});
