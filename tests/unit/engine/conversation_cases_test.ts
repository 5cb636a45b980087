/**
 * The conversation cases of `tests/data/*_cases.json` in the turn format (`tests/data/README.md`):
 * each answer and dialogue through the rule engine, as `POST /message` runs it.
 */

import assert from "node:assert/strict";
import { ruleEngine } from "../../../shared/onboarding/engine/mod.ts";
import { type CaseFile, runAnswerCase, runDialogueCase } from "../../support/conversation_cases.ts";

const FILES = [
  // Written from how people type by writers who had not seen the parsers.
  "conversation_cases.json",
  // Written per area while building it: company facts, products.
  "company_fact_cases.json",
  "product_cases.json",
];

for (const name of FILES) {
  const file: CaseFile = JSON.parse(
    await Deno.readTextFile(new URL(`../../data/${name}`, import.meta.url)),
  );
  const cases = [...(file.answers ?? []), ...(file.dialogues ?? [])];

  Deno.test(`${name}: ids are unique`, () => {
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
  });

  for (const c of file.answers ?? []) {
    Deno.test(`${name} ${c.id}: ${c.message.replace(/\n/g, " ⏎ ")}`, async () => {
      const result = await runAnswerCase(ruleEngine, c);
      assert.deepEqual(result.problems, [], `reply: ${result.reply}`);
    });
  }
  for (const c of file.dialogues ?? []) {
    Deno.test(`${name} ${c.id}: ${c.turns.length} turns`, async () => {
      const result = await runDialogueCase(ruleEngine, c);
      assert.deepEqual(result.problems, [], `last reply: ${result.reply}`);
    });
  }
}
