/**
 * Hostile and nonsensical 4,000-character messages (repeated fragments and seeded random mixes
 * of numbers, units, labels and punctuation): the engine and the document extractor answer
 * every one, and nothing they store is out of bounds.
 */
import assert from "node:assert/strict";
import { extractFieldsFromText } from "../../../shared/documents/fields.ts";
import { runRuleTurn } from "../../../shared/onboarding/engine/rule_engine.ts";
import { initialState } from "../../../shared/onboarding/engine/state.ts";
import { MAX_CAPITAL, MAX_INDUSTRY_LENGTH } from "../../../shared/onboarding/limits.ts";
import { type CompanyProfile, emptyProfile } from "../../../shared/onboarding/types.ts";

const FRAGMENTS = [
  "1",
  "一",
  "萬",
  "億",
  ",",
  "，",
  "、",
  "：",
  ":",
  " ",
  "ISO",
  "9001",
  "資本額",
  "發明專利",
  "產品名稱：",
  "\n",
  "-",
  ".",
  "件",
  "有",
  "沒有",
  "改成",
  "元",
  "NT$",
  "５",
  "(",
  "（",
  "|",
  "\t",
  "業",
  "是",
  "確認",
  "完成",
  "刪除產品",
];

function hostileMessages(): string[] {
  const messages = FRAGMENTS.map((f) => f.repeat(Math.ceil(4000 / f.length)).slice(0, 4000));
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 100; i++) {
    let text = "";
    while (text.length < 4000) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
    messages.push(text.slice(0, 4000));
  }
  return messages;
}

function assertStorable(profile: Partial<CompanyProfile>, message: string) {
  const where = JSON.stringify(message.slice(0, 30));
  if (profile.capital_amount != null) {
    assert.ok(Number.isSafeInteger(profile.capital_amount), where);
    assert.ok(profile.capital_amount >= 0 && profile.capital_amount <= MAX_CAPITAL, where);
  }
  for (const count of ["invention_patent_count", "utility_patent_count", "certification_count"]) {
    const value = profile[count as keyof CompanyProfile];
    if (value != null) assert.ok(Number.isSafeInteger(value) && (value as number) >= 0, where);
  }
  if (profile.industry != null) {
    assert.ok(
      profile.industry.length >= 1 && profile.industry.length <= MAX_INDUSTRY_LENGTH,
      where,
    );
  }
}

Deno.test("every hostile message is answered and stores nothing out of bounds", () => {
  const snapshot = { profile: emptyProfile(), products: [] };
  for (const message of hostileMessages()) {
    const turn = runRuleTurn({ state: initialState(), snapshot, history: [], message });
    assert.equal(typeof turn.reply, "string");
    assert.ok(turn.reply.length > 0);
    assert.equal(turn.completed, false);
    assertStorable(turn.profile, message);
    const fields = extractFieldsFromText(message);
    assertStorable(fields.profile, message);
    for (const product of fields.products) assert.ok(product.product_name.length > 0);
  }
});
