// Word families in the page, in Chromium. With `stemmer` (an edition's
// search/stem.js) and `words` (a file of one word a line), it returns the
// stems that script gives in the browser, to compare with the build's. With
// `queries` ([page, query] pairs), it types each query into the search box
// as a reader would, one key at a time, and returns what the results show:
// the status, the titles in order, the highlighted words of each title and
// the words named as found in the text.
import { readFileSync } from "node:fs";
import { main, open } from "./lib.mjs";

async function stems(context, input) {
  const page = await context.newPage();
  await page.setContent("<!doctype html><title>stems</title>");
  await page.evaluate(() => { window.annalsShard = (name, stem) => { window.stem = stem; }; });
  await page.addScriptTag({ path: input.stemmer });
  const words = readFileSync(input.words, "utf8").split("\n").filter(Boolean);
  const stemmed = await page.evaluate((words) => words.map((word) => window.stem(word)), words);
  await page.close();
  return stemmed;
}

async function shown(page) {
  // Events only: the pages that are not events, listed first, are not
  // counted among "n events match".
  return page.locator("#result-list li:not(.page-result)").evaluateAll((items) => items.map((item) => ({
    title: item.querySelector(".event-title").textContent,
    marked: Array.from(item.querySelectorAll(".event-title mark"), (mark) => mark.textContent),
    inText: Array.from(item.querySelectorAll(".in-text mark"), (mark) => mark.textContent),
  })));
}

async function search(context, input) {
  const out = [];
  for (const [path, query] of input.queries) {
    const page = await context.newPage();
    await page.goto(input.base + path);
    await page.locator("#finder").waitFor();
    await page.locator("#q").pressSequentially(query);
    await page.waitForFunction((query) => {
      const status = document.getElementById("status");
      return location.hash.length > 1 && status.textContent !== "" &&
        !document.getElementById("results").hasAttribute("aria-busy") &&
        new URLSearchParams(location.hash.slice(1)).get("q") === query;
    }, query);
    out.push({ status: await page.locator("#status").textContent(), results: await shown(page) });
    await page.close();
  }
  return out;
}

main(async (input) => {
  const browser = await open();
  try {
    return input.stemmer ? { stems: await stems(browser.context, input) } :
      { searches: await search(browser.context, input) };
  } finally {
    await browser.close();
  }
});
