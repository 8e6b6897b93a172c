// A reader of a chronology with declared actors and pages: from the index
// to the About page by the navigation and into Spanish, then from the
// USSR to its successor, from a search to a page, to the continuous line of both and to a country
// pair, and to an event whose actors have roles. What each page showed.
import { main, open } from "./lib.mjs";

// What each element says, whitespace collapsed, before styles change its case.
const texts = (page, selector) =>
  page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.textContent.replace(/\s+/g, " ").trim()));

async function journey(page, base) {
  const seen = {};
  await page.goto(base + "index.html");
  seen.nav = await texts(page, "header nav:not(.languages) li a");
  await follow(page, page.getByRole("link", { name: "About", exact: true }));
  seen.about = { url: page.url(), h1: await texts(page, "h1"), strong: await texts(page, ".body strong") };
  await follow(page, page.locator(".languages a[hreflang=es]"));
  seen.aboutEs = { url: page.url(), h1: await texts(page, "h1"), nav: await texts(page, "header nav:not(.languages) li a") };
  await page.goto(base + "ru/method.html");
  seen.methodRu = { h1: await texts(page, "h1"), note: await texts(page, ".untranslated"), lang: await page.locator(".body").getAttribute("lang") };

  for (const [edition, words] of [["", "precisely documents"], ["es/", "precisión"]]) {
    await page.goto(base + edition + "index.html#q=" + encodeURIComponent(words));
    await page.locator("#results:not([aria-busy]) #result-list li").first().waitFor();
    seen[`search ${edition}`] = await texts(page, "#result-list li");
  }
  await follow(page, page.locator("#result-list .page-result a").first());
  seen.searchOpened = page.url();

  await page.goto(base + "actors/ussr.html");
  seen.ussr = {
    h1: await texts(page, "h1"),
    facts: await texts(page, ".actor-facts dt"),
    succession: await texts(page, ".actor-facts .successions li"),
    jsonLd: JSON.parse(await page.locator("script[type='application/ld+json']").innerText()),
  };
  await follow(page, page.locator(".successions a", { hasText: "Russia" }));
  seen.russia = { url: page.url(), h1: await texts(page, "h1"), succession: await texts(page, ".successions li") };
  await follow(page, page.locator(".line-link a"));
  seen.line = {
    url: page.url(),
    h1: await texts(page, "h1"),
    dates: await page.locator(".chronology time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime"))),
  };
  await page.goBack();
  await page.waitForURL(seen.russia.url);
  await follow(page, page.locator(".pairs a", { hasText: "Venezuela" }));
  seen.pair = { url: page.url(), h1: await texts(page, "h1"), titles: await texts(page, ".chronology .event-title") };
  await follow(page, page.locator(".event-title a", { hasText: "Hugo Chávez" }));
  seen.roles = await texts(page, ".facts dd li");
  await page.goto(base + "es/events/2001-05-chavez-moscow.html");
  seen.rolesEs = await texts(page, ".facts dd li");
  return seen;
}

// Clicks the link `link` and waits until its page is the one open: what
// is read next is read from it, not from the page left.
async function follow(page, link) {
  const from = page.url();
  await link.click();
  await page.waitForURL((url) => url.href !== from);
  await page.waitForLoadState();
}

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    return await journey(page, input.base);
  } finally {
    await browser.close();
  }
});
