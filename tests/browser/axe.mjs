// axe-core in every page kind it is given, and on the index again with
// search results and the filters open: the violations found.
import { main, open } from "./lib.mjs";

async function audit(page, axe) {
  await page.addScriptTag({ path: axe });
  return page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

main(async (input) => {
  const browser = await open();
  try {
    const page = await browser.context.newPage();
    const violations = {};
    for (const url of input.pages) {
      await page.goto(url);
      violations[url] = await audit(page, input.axe);
    }
    await page.goto(input.pages[0] + "#q=" + encodeURIComponent(input.word));
    await page.locator("#filters > summary").click();
    await page.locator("#results:not([aria-busy]) #result-list li").first().waitFor();
    violations["index with results"] = await audit(page, input.axe);
    for (const scheme of ["dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      violations[`index, ${scheme}`] = await audit(page, input.axe);
    }
    return { violations };
  } finally {
    await browser.close();
  }
});
