// Every page it is given at a phone's width (390 px, emulated), a split
// screen's (600 px) and a desktop's (1280 px): whether the page scrolls
// sideways once scrolled to its end (so lazily laid-out parts count),
// whether a text is shown twice (a lede that is the body's first
// paragraph, a year under its own year heading) or a year heading wraps,
// what axe-core finds, and every character a reader sees (text, generated
// content, placeholders), for the caller to look up in the fonts.
import { WIDTHS, main, open } from "./lib.mjs";

// Scrolls to the end a screen at a time, so that every part with
// `content-visibility: auto` is laid out, then measures against the
// viewport's width (a phone zooms out a page wider than its screen, which
// widens innerWidth to the page's).
async function overflow(page, viewport) {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    await frame();
    await frame();
  });
  return page.evaluate((viewport) => {
    const width = Math.min(window.innerWidth, viewport);
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) { return null; }
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ends at ${Math.round(el.getBoundingClientRect().right)}`);
    return `scrollWidth ${scroll} > innerWidth ${width}: ${wide.join("; ")}`;
  }, viewport);
}

// Texts shown twice, and year headings on more than one line.
function doubled(page) {
  return page.evaluate(() => {
    const found = [];
    const text = (el) => (el ? el.innerText.trim() : "");
    const lede = text(document.querySelector(".event .lede"));
    if (lede && lede === text(document.querySelector(".event .body p"))) {
      found.push(`the lede is the body's first paragraph: ${lede}`);
    }
    // textContent and checkVisibility, not innerText: a decade off screen
    // is not rendered (content-visibility: auto) but is still there.
    const words = (el) => el.textContent.trim();
    for (const year of document.querySelectorAll(".year")) {
      const heading = year.querySelector(":scope > h3");
      const twice = [...year.querySelectorAll(".event-card .when")]
        .filter((when) => when.checkVisibility() && words(when) === words(heading));
      if (twice.length > 0) { found.push(`${words(heading)} is written under its own heading`); }
      const range = document.createRange();
      range.selectNodeContents(heading);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      if (lines > 1) { found.push(`the year heading ${words(heading)} wraps`); }
    }
    return found;
  });
}

function characters(page) {
  return page.evaluate(() => {
    const seen = [document.body.innerText];
    for (const el of document.querySelectorAll("body, body *")) {
      for (const pseudo of ["::before", "::after", "::marker"]) {
        const content = getComputedStyle(el, pseudo).content;
        if (content && content.startsWith("\"")) { seen.push(content.slice(1, -1)); }
      }
      if (el.placeholder) { seen.push(el.placeholder); }
    }
    return [...new Set([...seen.join("")])].filter((c) => c.trim()).join("");
  });
}

async function audit(page, axe) {
  await page.addScriptTag({ path: axe });
  return page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

main(async ({ pages, axe }) => {
  const problems = [];
  const chars = new Set();
  for (const { name, ...options } of WIDTHS) {
    const browser = await open(options);
    try {
      const page = await browser.context.newPage();
      for (const url of pages) {
        await page.goto(url);
        [...(await characters(page))].forEach((c) => chars.add(c));
        const wide = await overflow(page, options.viewport.width);
        if (wide) { problems.push(`${url} at ${name} px: ${wide}`); }
        (await doubled(page)).forEach((d) => problems.push(`${url} at ${name} px: ${d}`));
        const violations = await audit(page, axe);
        violations.forEach((v) => problems.push(`${url} at ${name} px: axe: ${v}`));
      }
    } finally {
      await browser.close();
    }
  }
  return { problems, chars: [...chars].sort().join("") };
});
