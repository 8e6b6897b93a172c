// Treaty lifecycles and uncertain dates in a real browser, from file://:
// the index's "in force on" filter answers which agreements were in force
// on a year, a month or a day, in each edition's words; an event page
// lists its stages along a proportional line; the axis draws vague dates
// faded, doubted ones hollow, and a treaty as a span. axe runs on each page
// as a reader leaves it, and any error in a page fails the check.
import assert from "node:assert/strict";
import { main, open, watch } from "./lib.mjs";

async function audit(page, axe) {
  await page.addScriptTag({ path: axe });
  return page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

// Types `on` into the filter and returns the status and the titles shown.
async function inForceOn(page, on) {
  await page.locator("#in-force-on").fill(on);
  return page.evaluate(() => ({
    status: document.getElementById("in-force-status").textContent,
    invalid: document.getElementById("in-force-on").getAttribute("aria-invalid"),
    shown: [...document.querySelectorAll("#agreements li")].filter((li) => !li.hidden)
      .map((li) => li.querySelector("a").textContent),
  }));
}

// Input: {base, axisBase, axe, queries: [on], events: [path]}: the axis is
// read at axisBase, a site with room to draw every event apart.
main(async ({ base, axisBase, axe, queries, events }) => {
  const browser = await open();
  const result = { filter: {}, events: {}, axis: null, violations: {} };
  try {
    const page = await browser.context.newPage();
    const seen = watch(page);
    // axe reads the stylesheets itself, which Chromium refuses from
    // file:// with console errors: it audits in a page of its own.
    const auditor = await browser.context.newPage();
    const auditAt = async (url, then) => {
      await auditor.goto(url);
      if (then) { await then(auditor); }
      return audit(auditor, axe);
    };
    for (const edition of ["", "es/", "ru/"]) {
      await page.goto(`${base}${edition}index.html`);
      await page.locator("#in-force-on").waitFor({ state: "visible" });
      for (const on of queries) {
        result.filter[`${edition}${on}`] = await inForceOn(page, on);
      }
      result.violations[`${edition}index.html, filtered`] = await auditAt(`${base}${edition}index.html`,
        (other) => inForceOn(other, "1999"));
    }
    await page.goto(`${axisBase}index.html`);
    result.axis = await page.evaluate(() => [...document.querySelectorAll(".axis .mark")].map((a) => {
      const shape = a.querySelector("rect, circle");
      const box = shape.getBBox();
      const tenth = (n) => Math.round(n * 10) / 10;
      return { label: a.getAttribute("aria-label"), classes: a.getAttribute("class"), x: tenth(box.x), right: tenth(box.x + box.width) };
    }));
    for (const path of events) {
      await page.goto(base + path);
      result.events[path] = await page.evaluate(() => ({
        stages: [...document.querySelectorAll(".lifecycle .stage")].map((li) => li.textContent.trim().replace(/\s+/g, " ")),
        ticks: [...document.querySelectorAll(".lifecycle .lifeline .tick")].map((t) => Number(t.getAttribute("x1"))),
        lineWidth: document.querySelector(".lifecycle .lifeline")?.getBoundingClientRect().width ?? 0,
        when: document.querySelector(".event .when").textContent.trim(),
      }));
      result.violations[path] = await auditAt(base + path);
    }
    assert.deepEqual(seen.errors, [], "errors in the pages");
    return result;
  } finally {
    await browser.close();
  }
});
