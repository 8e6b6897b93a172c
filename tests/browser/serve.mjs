// `annals serve` in the browser, with pages left open while the site's files
// are edited; no page is navigated, each must follow by itself:
//   - an event page (opened by a percent-encoded URL) shows its new title;
//   - the index (opened at the base path without its trailing slash) shows
//     an event file added;
//   - a bad date shows its error, file:line:col, over two open pages while
//     they keep the last good build; a fix saved by rename (as many editors
//     save) clears both and shows the new title;
//   - a folder made while serving is watched: its event appears in the open
//     index (opened as index.html), and so does an edit to it;
//   - a page whose event stream opens only after an edit was rebuilt (held
//     back here) still reloads: the stream's first message tells it which
//     build is current;
//   - a page not found, left open, shows its event once the file is saved.
// Any page error or console error, or any response of 400 or more (but the
// one page expected not to be found), fails.
//
// The Rust test (tests/serve_browser.rs) passes {"base", "root", "event",
// "page", "other"}: the served URL, the site's folder, the event file to
// edit, its page and the page of an event it does not neighbour.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { closePage, main, open, watch } from "./lib.mjs";

// How long a page may take to follow a save.
const WAIT = 10000;

// `text` with its front matter's `key:` line set to `value`.
function set(text, key, value) {
  const line = new RegExp(`^${key}:.*$`, "m");
  assert.match(text, line, `the file has a ${key}: line`);
  return text.replace(line, `${key}: ${value}`);
}

// An event file of one title, dated `date`.
function event(title, date) {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: "${date}"\ntags: [envoy]\n---\n\n` +
    "An envoy's report, read from the archive's register (fol. 12r).\n";
}

// The open pages of a run and what each saw.
class Tabs {
  constructor(context) {
    this.context = context;
    this.pages = [];
  }

  // Opens `url`, which answers `status`; `prepare` runs before it loads.
  async open(url, { prepare = async () => {}, status = 200 } = {}) {
    const page = await this.context.newPage();
    const seen = watch(page);
    this.pages.push({ url, page, seen, status });
    await prepare(page);
    const response = await page.goto(url);
    assert.equal(response.status(), status, `${url} is answered`);
    return page;
  }

  // Waits until `locator` is in `state` on `page`; fails naming `what`
  // and what the pages saw, never after a fixed sleep.
  async until(locator, what, state = "visible") {
    try {
      await locator.waitFor({ state, timeout: WAIT });
    } catch (error) {
      throw new Error(`${what}: not within ${WAIT} ms\n${this.report()}\n${error.message}`);
    }
  }

  report() {
    return this.pages.map(({ url, page, seen }) =>
      `${url} (now ${page.url()}): errors ${JSON.stringify(seen.errors)}`).join("\n");
  }

  // Every page had no error and no failed response; then closes them.
  async close() {
    for (const { url, page, seen, status } of this.pages) {
      const expected = (r) => r.url === url && r.status === status;
      const bad = seen.responses.filter((r) => r.status >= 400 && !expected(r));
      const missing = `Failed to load resource: the server responded with a status of ${status} (Not Found)`;
      const errors = seen.errors.filter((text) => text !== missing);
      assert.deepEqual(errors, [], `page and console errors on ${url}`);
      assert.deepEqual(bad, [], `responses of 400 or more on ${url}`);
      await closePage(page);
    }
    this.pages = [];
  }
}

const heading = (page, text) => page.getByRole("heading", { level: 1, name: text, exact: true });
const listed = (page, title) => page.locator(".chronology").getByRole("link", { name: title, exact: true });

async function editEvent(tabs, site) {
  // "events/1976-x.html" as "events/1976%2Dx.html": the same page.
  const url = site.base + site.page.replace("-", "%2D");
  const page = await tabs.open(url);
  const title = "Edited while the page is open";
  writeFileSync(site.file, set(readFileSync(site.file, "utf8"), "title", JSON.stringify(title)));
  await tabs.until(heading(page, title), "the open event page shows its new title");
  assert.equal(page.url(), url, "the page stayed where it was");
}

async function addEvent(tabs, site) {
  // "http://host/repo" for "/repo/"; "http://host/" stays.
  const page = await tabs.open(site.base.replace(/(.)\/$/, "$1"));
  const title = "Envoys exchanged at Caracas";
  writeFileSync(join(site.root, "content/events/1946-05-envoys-exchanged.md"), event(title, "1946-05"));
  await tabs.until(listed(page, title), "the open index lists the added event");
}

async function breakAndFix(tabs, site) {
  const page = await tabs.open(site.base + site.page);
  const other = await tabs.open(site.base + site.other);
  const before = await page.locator("h1").textContent();
  const text = readFileSync(site.file, "utf8");
  writeFileSync(site.file, set(text, "date", "1975-02-30"));
  const line = text.split("\n").findIndex((l) => l.startsWith("date:")) + 1;
  const error = `${site.event}:${line}:7: date: invalid date "1975-02-30": February has 28 days in 1975`;
  for (const open of [page, other]) {
    await tabs.until(open.locator("#annals-error"), `the overlay on ${open.url()}`);
    const shown = (await open.locator("#annals-error").textContent()).split("\n");
    assert.equal(shown[0], "annals: this build failed; the page shows the last good build.");
    assert.ok(shown.includes(error), `the overlay says ${error}: ${JSON.stringify(shown)}`);
  }
  assert.equal(await page.locator("h1").textContent(), before, "the last good build stays");
  const fixed = "Fixed while the page is open";
  const temporary = join(dirname(site.file), `.${basename(site.file)}.tmp`);
  writeFileSync(temporary, set(text, "title", JSON.stringify(fixed)));
  renameSync(temporary, site.file);
  await tabs.until(heading(page, fixed), "the fixed title in the open event page");
  for (const open of [page, other]) {
    await tabs.until(open.locator("#annals-error"), `no overlay on ${open.url()}`, "detached");
  }
}

async function newFolder(tabs, site) {
  const page = await tabs.open(site.base + "index.html");
  const folder = join(site.root, "content/events/1990s");
  mkdirSync(folder);
  const file = join(folder, "1993-04-consular-convention.md");
  writeFileSync(file, event("Consular convention signed", "1993-04"));
  await tabs.until(listed(page, "Consular convention signed"), "the event of the new folder");
  writeFileSync(file, event("Consular convention ratified", "1993-04"));
  await tabs.until(listed(page, "Consular convention ratified"), "its edit, in the new folder");
}

// The page comes from the build before an edit, but its event stream opens
// only once the edit is rebuilt, so it never hears of the edit: it must see
// from the stream's first message that it is stale.
async function lateStream(tabs, site) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const url = site.base + site.page;
  const prepare = (page) => page.route(/__annals\/events$/, async (route) => {
    await held;
    await route.continue();
  });
  const page = await tabs.open(url, { prepare });
  const title = "Edited before the page heard of it";
  writeFileSync(site.file, set(readFileSync(site.file, "utf8"), "title", JSON.stringify(title)));
  const deadline = Date.now() + WAIT;
  while (!(await (await fetch(url)).text()).includes(title)) {
    assert.ok(Date.now() < deadline, "the server never served the edit");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.notEqual(await page.locator("h1").textContent(), title, "the page is stale");
  release();
  await tabs.until(heading(page, title), "the stale page reloads once its stream opens");
}

// A page not found yet, left open: it shows the event once its file is
// saved.
async function notYet(tabs, site) {
  const page = await tabs.open(site.base + "events/1947-consulate-opened.html", { status: 404 });
  const title = "Consulate opened at Caracas";
  writeFileSync(join(site.root, "content/events/1947-consulate-opened.md"), event(title, "1947"));
  await tabs.until(heading(page, title), "the page not found shows its new event");
}

const JOURNEYS = [
  ["an open event page shows its edit", editEvent],
  ["the open index shows an added event", addEvent],
  ["a bad edit shows its error over open pages, and its fix clears it", breakAndFix],
  ["a folder made while serving is watched", newFolder],
  ["a page that missed a rebuild reloads when its stream opens", lateStream],
  ["a page not found shows its event once the file is saved", notYet],
];

main(async (input) => {
  const site = { ...input, file: join(input.root, input.event) };
  const browser = await open();
  const done = [];
  try {
    for (const [name, journey] of JOURNEYS) {
      const tabs = new Tabs(browser.context);
      try {
        await journey(tabs, site);
        await tabs.close();
      } catch (error) {
        error.message = `${name}: ${error.message}`;
        throw error;
      }
      done.push(name);
    }
    return { journeys: done };
  } finally {
    await browser.close();
  }
});
