// From an event page to its source's entry in the bibliography and on to
// another event citing the same source: no console or page errors; the
// entry is the target of the link; it lists exactly the expected events,
// the starting one among them; and its links open those events.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(input.base + input.event);
    const start = (await page.locator("h1").textContent()).trim();
    const link = page.locator(`.sources a.cited[href$="#${input.id}"]`);
    assert.equal(await link.count(), 1, "the event links the source's entry");
    await link.click();
    await page.waitForURL((url) => url.hash === `#${input.id}`);
    assert.ok(page.url().includes("sources/index"), `on the bibliography: ${page.url()}`);
    const entry = page.locator(`.bibliography > li:target`);
    assert.equal(await entry.getAttribute("id"), input.id, "the entry is the link's target");
    assert.ok(await entry.isVisible(), "the entry is shown");
    const citing = (await entry.locator(".citing a").allTextContents()).map((t) => t.trim());
    assert.deepEqual(citing, input.titles, "the events citing the source");
    assert.ok(citing.includes(start), "the starting event is among them");
    const other = citing.find((title) => title !== start);
    await entry.locator(".citing a", { hasText: other }).first().click();
    await page.waitForLoadState("load");
    assert.equal((await page.locator("h1").textContent()).trim(), other, "another event citing it opens");
    assert.ok(await page.locator(`.sources a.cited[href$="#${input.id}"]`).count() > 0, "and cites the same source");
    assert.deepEqual(seen.errors, [], "console and page errors");
    assert.deepEqual(seen.failed, [], "failed requests");
    return { citing };
  } finally {
    await browser.close();
  }
});
