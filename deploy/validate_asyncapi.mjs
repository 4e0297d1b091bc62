// Validates an AsyncAPI document with the AsyncAPI initiative's own parser (@asyncapi/parser):
// the specification's JSON Schema and its semantic rules. Prints every diagnostic; exits 1 on any
// error or warning, 0 when the document is clean.  Usage: node deploy/validate_asyncapi.mjs docs/asyncapi.yaml
import { readFile } from "node:fs/promises";
import { Parser } from "@asyncapi/parser";

const SEVERITY = ["error", "warning", "info", "hint"];
const path = process.argv[2] ?? "docs/asyncapi.yaml";
const parser = new Parser();
const { document, diagnostics } = await parser.parse(await readFile(path, "utf8"), { source: path });
let bad = 0;
for (const d of diagnostics) {
  const level = SEVERITY[d.severity] ?? String(d.severity);
  if (d.severity <= 1) bad += 1;
  console.log(`${level} ${d.code} at ${d.path.join(".") || "(root)"}: ${d.message}`);
}
if (document === undefined || bad > 0) {
  console.log(`${path}: ${bad} problem(s)`);
  process.exit(1);
}
console.log(`${path}: valid AsyncAPI ${document.version()} — ${document.channels().length} channels, ` +
  `${document.operations().length} operations, ${document.messages().length} messages`);
