/**
 * Runs the company-fact cases of tests/data/company_fact_cases.json (industry phrasings,
 * English labels, help questions, finishing early, corrections) through the rule engine, in
 * the situations described in /work/cases/FORMAT.md. Messages go through toTraditional first,
 * as the engine boundary will do.
 */

import assert from "node:assert/strict";
import { applyTurn } from "../../../shared/onboarding/engine/apply.ts";
import { runRuleTurn } from "../../../shared/onboarding/engine/rule_engine.ts";
import { type ConversationState, initialState } from "../../../shared/onboarding/engine/state.ts";
import { toTraditional } from "../../../shared/onboarding/parsing/script.ts";
import { COMPANY_FIELDS } from "../../../shared/onboarding/progress.ts";
import {
  type CompanyProfile,
  emptyProfile,
  type OnboardingSnapshot,
} from "../../../shared/onboarding/types.ts";

interface AnswerCase {
  id: string;
  category: string;
  form: string;
  context: string;
  message: string;
  expect: {
    profile?: Partial<Record<keyof CompanyProfile, unknown>>;
    products?: Record<string, unknown>[];
    asks?: boolean;
    reply_has?: string[];
    /** Substrings the reply must not contain (an addition to the shared format). */
    reply_lacks?: string[];
    completed?: boolean;
  };
}

// The six company fields and the ESG names behind the sixth.
const CHECKED_FIELDS = [...COMPANY_FIELDS, "esg_certifications"] as const;

// The company data each situation starts from, field by field in the order they are asked.
function situation(context: string): { snapshot: OnboardingSnapshot; state: ConversationState } {
  const profile = emptyProfile();
  const state = initialState();
  const steps: [string, Partial<CompanyProfile>][] = [
    ["industry", {}],
    ["capital_amount", { industry: "食品業" }],
    ["invention_patent_count", { capital_amount: 5_000_000 }],
    ["utility_patent_count", { invention_patent_count: 2 }],
    ["certification_count", { utility_patent_count: 1 }],
    ["esg_certification", { certification_count: 3 }],
  ];
  const at = steps.findIndex(([name]) => name === context);
  if (at >= 0) {
    for (const [, patch] of steps.slice(0, at + 1)) Object.assign(profile, patch);
    return { snapshot: { profile, products: [] }, state };
  }
  Object.assign(profile, {
    industry: "電子業",
    capital_amount: 5_000_000,
    invention_patent_count: 10,
    utility_patent_count: 5,
    certification_count: 3,
    esg_certification: true,
    esg_certifications: ["ISO 14064"],
  });
  const snapshot: OnboardingSnapshot = { profile, products: [] };
  const product = (id: number, product_id: string | null, product_name: string, price: string) => ({
    id,
    product_id,
    product_name,
    price,
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
  });
  switch (context) {
    case "products":
      break;
    case "more_products":
      snapshot.products = [
        product(1, "P001", "智能晶片", "1000元"),
        product(2, "A-3", "恆溫保溫杯", "680元"),
        product(3, null, "手工皂", "150元"),
      ];
      break;
    case "draft_price":
      state.draft = { product_name: "桂圓紅棗茶", product_id: null };
      break;
    default:
      throw new Error(`unknown context ${context}`);
  }
  return { snapshot, state };
}

const data = JSON.parse(
  await Deno.readTextFile(new URL("../../data/company_fact_cases.json", import.meta.url)),
) as { answers: AnswerCase[] };

Deno.test("company fact cases: at least 90, ids unique", () => {
  assert.ok(data.answers.length >= 90);
  assert.equal(new Set(data.answers.map((c) => c.id)).size, data.answers.length);
});

for (const c of data.answers) {
  Deno.test(`company fact case ${c.id}: ${c.message}`, async () => {
    const { snapshot, state } = situation(c.context);
    const message = await toTraditional(c.message);
    const turn = runRuleTurn({ state, snapshot, message, history: [] });
    const after = applyTurn(snapshot, turn);
    const why = `reply: ${turn.reply}`;
    if (c.expect.asks) {
      assert.deepEqual(turn.profile, {}, why);
      assert.deepEqual(turn.productChanges, [], why);
      assert.deepEqual(turn.state.draft, state.draft, why);
    }
    const expected = c.expect.profile ?? {};
    for (const key of CHECKED_FIELDS) {
      const want = key in expected ? expected[key] : snapshot.profile[key];
      const got = after.profile[key];
      if (Array.isArray(want) && typeof want[0] === "string" && key === "industry") {
        assert.ok(want.includes(got), `${key}: ${got}; ${why}`);
      } else {
        assert.deepEqual(got, want, `${key}; ${why}`);
      }
    }
    if (c.expect.products === undefined) {
      assert.deepEqual(after.products, snapshot.products, why);
    } else {
      assert.equal(after.products.length, c.expect.products.length, why);
      c.expect.products.forEach((want, i) => {
        for (const [key, value] of Object.entries(want)) {
          assert.deepEqual((after.products[i] as unknown as Record<string, unknown>)[key], value);
        }
      });
    }
    for (const part of c.expect.reply_has ?? []) assert.ok(turn.reply.includes(part), why);
    for (const part of c.expect.reply_lacks ?? []) assert.ok(!turn.reply.includes(part), why);
    if (c.expect.completed !== undefined) assert.equal(turn.completed, c.expect.completed);
  });
}
