import assert from "node:assert/strict";
import { detectHelpTopic } from "../../../shared/onboarding/engine/help.ts";

const cases: [string, string | null][] = [
  ["發明專利和新型專利有什麼不同？", "patents_compared"],
  ["ESG 認證要怎麼算？", "esg"],
  ["資本額是指實收資本嗎？", "capital"],
  ["公司認證包括哪些？", "certification"],
  ["產品規格要寫什麼", "product_standard"],
  ["新型專利是什麼", "utility_patent"],
  // Statements with an indefinite question word are not questions.
  ["什麼產品都有一點", null],
  ["發明專利3件", null],
];

for (const [text, topic] of cases) {
  Deno.test(`detectHelpTopic(${JSON.stringify(text)}) = ${topic}`, () => {
    assert.equal(detectHelpTopic(text), topic);
  });
}
