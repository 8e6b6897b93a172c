// Search in the browser, over HTTP from a small static server of the output
// folder: the bytes transferred for the index page and a first query typed
// a character at a time (search-index.js, search.js and the shards of
// search/, from an empty cache), then, for each query typed a character at
// a time, the time from the keystroke's input event to its results being in
// the page (at once, or once the shards it needs have come: search.js marks
// the results aria-busy meanwhile) and to the next frame after it.
//
//   node tests/browser/speed.mjs <output folder> [query …]
//
// measures a built site by hand; the Rust test passes
// {"dir": …, "queries": […]}.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { main, open } from "./lib.mjs";

const QUERIES = ["treaty venice", "quodlibet", "ruler 7", "bamo"];
const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css",
  ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml",
};

// Serves `dir` on a free loopback port until `close()`.
function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) { file = join(file, "index.html"); }
      const size = statSync(file).size;
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] || "application/octet-stream",
        "content-length": size,
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  })));
}

// The bytes each search file took on the wire, headers included.
function weigh(cdp) {
  const urls = new Map(), files = {};
  cdp.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
  cdp.on("Network.loadingFinished", (event) => {
    const path = new URL(urls.get(event.requestId)).pathname;
    const name = path.match(/(search-index\.js|search\.js|search\/[^/]+\.js)$/);
    if (name) { files[name[1]] = (files[name[1]] || 0) + event.encodedDataLength; }
  });
  return () => ({ bytes: Object.values(files).reduce((a, b) => a + b, 0), files: { ...files } });
}

// Types `text` as its last keystroke and times it.
function keystroke(text) {
  return new Promise((resolve) => {
    const box = document.getElementById("q"), results = document.getElementById("results");
    const start = performance.now();
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    const finish = () => {
      const handled = performance.now() - start;
      const shown = document.getElementById("status").textContent;
      requestAnimationFrame(() => setTimeout(() => resolve({
        text, handled, painted: performance.now() - start, shown,
      }), 0));
    };
    if (!results.hasAttribute("aria-busy")) { finish(); return; }
    new MutationObserver((_, observer) => {
      if (!results.hasAttribute("aria-busy")) { observer.disconnect(); finish(); }
    }).observe(results, { attributes: true, attributeFilter: ["aria-busy"] });
  });
}

function stats(samples, key) {
  const all = samples.map((s) => s[key]).sort((a, b) => a - b);
  return { median: all[Math.floor(all.length / 2)], p95: all[Math.floor(all.length * 0.95)], max: all[all.length - 1] };
}

main(async (input) => {
  const server = await serve(input.dir);
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const weight = weigh(cdp);
    const loadStart = Date.now();
    await page.goto(server.base + "index.html");
    await page.locator("#finder").waitFor();
    const ready = Date.now() - loadStart;
    const samples = [], shown = {};
    let firstSearch = null;
    for (const query of input.queries) {
      for (let n = 1; n <= query.length; n++) {
        samples.push(await page.evaluate(keystroke, query.slice(0, n)));
      }
      shown[query] = samples[samples.length - 1].shown;
      firstSearch = firstSearch || weight();
    }
    return {
      ready, firstSearch, shown, keystrokes: samples.length,
      handled: stats(samples, "handled"), painted: stats(samples, "painted"),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}, (args) => args[0] && !args[0].startsWith("{")
  ? { dir: args[0], queries: args.length > 1 ? args.slice(1) : QUERIES }
  : JSON.parse(args[0] || "{}"));
