// Loads a page that embeds data/timeline.json in the real TimelineJS3, in
// headless Chromium, and prints as JSON what the timeline shows and every
// console error, page error and failed request.
// Usage: node timeline.mjs URL
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "../tools/node_modules/playwright-core/index.mjs";

const url = process.argv[2];
const profile = mkdtempSync(join(tmpdir(), "annals-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const errors = [];
let result = {};
try {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  page.on("requestfailed", (request) =>
    errors.push(`request: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.timelineLoaded === true, null, { timeout: 20000 });
  await page.waitForTimeout(500);
  result = await page.evaluate(() => ({
    events: window.timeline.config.events.length,
    eras: window.timeline.config.eras.length,
    slides: document.querySelectorAll(".tl-slide:not(.tl-slide-titleslide)").length,
    title_slides: document.querySelectorAll(".tl-slide-titleslide").length,
    markers: document.querySelectorAll(".tl-timemarker").length,
    headlines: Array.from(
      document.querySelectorAll(".tl-slide:not(.tl-slide-titleslide) h2.tl-headline"),
      (h) => h.textContent,
    ),
    dates: Array.from(
      document.querySelectorAll(".tl-slide:not(.tl-slide-titleslide) .tl-headline-date"),
      (h) => h.textContent,
    ),
  }));
} catch (error) {
  errors.push(`driver: ${error.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify({ ...result, errors }));
