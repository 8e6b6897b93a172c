// Shared helpers for the browser checks: Debian's Chromium driven by
// playwright-core (never a downloaded browser), with a fresh profile.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "../tools/node_modules/playwright-core/index.mjs";

export const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// The widths every page is looked at in: a phone's (emulated), a split
// screen's and a desktop's; each is `open`'s options plus a name.
export const WIDTHS = [
  { name: "390", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "600", viewport: { width: 600, height: 900 } },
  { name: "1280", viewport: { width: 1280, height: 900 } },
];

// Uncaught errors in any page of any context `open` made: `main` fails
// when there are any, whether or not the check listened for them.
const pageErrors = [];

// A browser context with its own profile folder; `close()` removes it.
export async function open(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "annals-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const listen = (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error}`));
  context.pages().forEach(listen);
  context.on("page", listen);
  return {
    context,
    async close() {
      // Chromium now and then hangs on its way out with pages still holding
      // event streams; every check is done by then, so past a while the
      // browser is stopped rather than waited for.
      const closed = context.close().then(() => true, () => true);
      const late = new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT, false).unref());
      if (!(await Promise.race([closed, late]))) {
        kill(profile);
        await closed;
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// How long a browser may take to close before it is stopped, in ms.
const CLOSE_WAIT = 10000;

// Closes `page`, or leaves it to the browser's own closing when Chromium
// hangs on it (as it now and then does with a page reloading over an
// event stream): `close()` then stops the browser.
export async function closePage(page) {
  const closed = page.close().then(() => true, () => true);
  const late = new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT, false).unref());
  await Promise.race([closed, late]);
}

// Stops every process of the browser whose profile folder is `profile`:
// each names it on its command line (`--user-data-dir=`).
function kill(profile) {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let command = "";
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    if (command.includes(profile)) {
      try { process.kill(Number(pid), "SIGKILL"); } catch { /* gone meanwhile */ }
    }
  }
}

// Records console errors, page errors, failed requests and every response
// of a page, to assert on after a journey.
export function watch(page) {
  const seen = { errors: [], failed: [], responses: [] };
  page.on("console", (message) => {
    if (message.type() === "error") { seen.errors.push(message.text()); }
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  page.on("requestfailed", (request) => {
    seen.failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    seen.responses.push({ url: response.url(), status: response.status() });
  });
  return seen;
}

// Runs a check with the JSON argument the Rust test passes (or what `parse`
// makes of the command line's arguments) and prints its result as one JSON
// line; a thrown error, or an uncaught error in a page, fails the process
// with its message.
export async function main(check, parse = (args) => JSON.parse(args[0] || "{}")) {
  try {
    const result = await check(parse(process.argv.slice(2)));
    if (pageErrors.length > 0) {
      throw new Error(`errors in the page:\n${pageErrors.join("\n")}`);
    }
    console.log(JSON.stringify(result ?? {}));
  } catch (error) {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  }
}
