// Search speed in the browser: for each query, typed a character at a
// time, the time from the keystroke's input event to the results being in
// the page (the handler runs) and to the next frame after it.
import { main, open } from "./lib.mjs";

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const loadStart = Date.now();
    await page.goto(input.base + "index.html");
    await page.locator("#finder").waitFor();
    const ready = Date.now() - loadStart;
    const samples = [];
    for (const query of input.queries) {
      for (let n = 1; n <= query.length; n++) {
        samples.push(await page.evaluate((text) => new Promise((resolve) => {
          const box = document.getElementById("q");
          const start = performance.now();
          box.value = text;
          box.dispatchEvent(new Event("input", { bubbles: true }));
          const handled = performance.now() - start;
          const shown = document.getElementById("status").textContent;
          requestAnimationFrame(() => setTimeout(() => resolve({
            text, handled, painted: performance.now() - start, shown,
          }), 0));
        }), query.slice(0, n)));
      }
    }
    const sorted = (key) => samples.map((s) => s[key]).sort((a, b) => a - b);
    const stats = (key) => {
      const all = sorted(key);
      return { median: all[Math.floor(all.length / 2)], p95: all[Math.floor(all.length * 0.95)], max: all[all.length - 1] };
    };
    return { ready, keystrokes: samples.length, handled: stats("handled"), painted: stats("painted"), last: samples.map((s) => `${s.text}: ${s.shown}`).slice(-1) };
  } finally {
    await browser.close();
  }
});
