/**
 * Runs a file of conversation cases against the rule engine and prints the failures and the
 * score: `deno run -A tests/support/run_cases.ts <cases.json> [--verbose]`. For measuring the
 * engine on case sets kept outside the repository (held-out answers).
 */

import { ruleEngine } from "../../shared/onboarding/engine/rule_engine.ts";
import { type CaseFile, runCaseFile } from "./conversation_cases.ts";

const [path, flag] = Deno.args;
if (!path) {
  console.error("usage: run_cases.ts <cases.json> [--verbose]");
  Deno.exit(2);
}
const file: CaseFile = JSON.parse(await Deno.readTextFile(path));
const results = await runCaseFile(ruleEngine, file);
const byId = new Map([...(file.answers ?? []), ...(file.dialogues ?? [])].map((c) => [c.id, c]));
let passed = 0;
for (const r of results) {
  if (r.problems.length === 0) {
    passed++;
    continue;
  }
  const c = byId.get(r.id)!;
  const said = "message" in c ? c.message : c.turns.join(" ⏎ ");
  console.log(`✗ ${r.id}: ${said}\n    ${r.problems.join("\n    ")}`);
  if (flag === "--verbose") console.log(`    reply: ${r.reply.replace(/\n/g, "⏎")}`);
}
console.log(`${passed}/${results.length} passed (${(100 * passed / results.length).toFixed(1)}%)`);
