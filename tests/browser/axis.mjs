// The time axis as a reader meets it. On a phone the overview, wider than
// the screen, visibly scrolls and shows the latest events first; Tab
// reaches every mark of both bands in order, each with its name, and
// scrolls it into view; Enter on the overview's crowd leads to the detail
// band; the figure's link leads to the chronological list.
import assert from "node:assert/strict";
import { WIDTHS, main, open, watch } from "./lib.mjs";

function inView(page, selector, index) {
  return page.locator(selector).nth(index).evaluate((mark) => {
    const box = mark.getBoundingClientRect();
    const frame = mark.closest(".axis-scroll").getBoundingClientRect();
    return box.left >= frame.left - 1 && box.right <= frame.right + 1;
  });
}

main(async ({ base }) => {
  const phone = WIDTHS.find((w) => w.name === "390");
  const { name: _, ...options } = phone;
  const browser = await open(options);
  try {
    const page = await browser.context.newPage();
    const seen = watch(page);
    await page.goto(base + "index.html");
    const overview = page.locator(".axis > .axis-scroll").first();
    const [scrollWidth, clientWidth] = await overview.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scrollWidth > clientWidth, `the overview scrolls on a phone: ${scrollWidth} > ${clientWidth}`);
    assert.ok(await page.locator(".axis-hint").isVisible(), "and says so");
    const marks = ".axis > .axis-scroll .mark";
    const count = await page.locator(marks).count();
    assert.ok(await inView(page, marks, count - 1), "the latest mark is in view first");
    assert.ok(!(await inView(page, marks, 0)), "the earliest is scrolled away");
    const names = await page.locator(".axis .mark").evaluateAll((all) => all.map((a) => a.getAttribute("aria-label")));
    assert.ok(names.every((n) => n && n.trim()), "every mark has a name");
    // Tab from the skip link through the header to the axis, then through it.
    const focused = [];
    await page.locator(".skip").focus();
    for (let i = 0; i < 80 && focused.length < names.length; i += 1) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.closest(".axis") && el.classList.contains("mark") ? el.getAttribute("aria-label") : null;
      });
      if (label) {
        focused.push(label);
        const visible = await page.evaluate(() => {
          const box = document.activeElement.getBoundingClientRect();
          const frame = document.activeElement.closest(".axis-scroll").getBoundingClientRect();
          return box.left >= frame.left - 1 && box.right <= frame.right + 1;
        });
        assert.ok(visible, `${label} is scrolled into view when focused`);
      }
    }
    assert.deepEqual(focused, names, "Tab reaches every mark, in order");
    const crowd = page.locator('.axis-scroll .mark.cluster[href="#axis-detail"]');
    await crowd.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.hash === "#axis-detail");
    const detail = await page.locator("#axis-detail .mark").count();
    await page.locator(".axis figcaption a[href='#browse']").click();
    await page.waitForURL((url) => url.hash === "#browse");
    assert.ok(await page.locator("#browse .event-card").first().isVisible(), "the list is shown");
    assert.deepEqual(seen.errors, [], "console and page errors");
    return { marks: names.length, detail };
  } finally {
    await browser.close();
  }
});
