import assert from "node:assert/strict";
import { computeProgress, missingCompanyFields } from "../../../shared/onboarding/progress.ts";
import { emptyProfile, type OnboardingSnapshot } from "../../../shared/onboarding/types.ts";

function snapshot(
  profile: Partial<OnboardingSnapshot["profile"]>,
  products = 0,
): OnboardingSnapshot {
  return {
    profile: { ...emptyProfile(), ...profile },
    products: Array.from({ length: products }, (_, i) => ({
      id: i + 1,
      product_id: null,
      product_name: `p${i}`,
      price: null,
      main_raw_materials: null,
      product_standard: null,
      technical_advantages: null,
    })),
  };
}

Deno.test("progress: empty session", () => {
  assert.deepEqual(computeProgress(snapshot({})), {
    industry: false,
    capital_amount: false,
    patents: false,
    certifications: false,
    products: false,
    fields_completed: 0,
    total_fields: 6,
    company_info_complete: false,
    products_count: 0,
  });
});

Deno.test("progress: the contract example (industry only)", () => {
  assert.deepEqual(computeProgress(snapshot({ industry: "電子業" })), {
    industry: true,
    capital_amount: false,
    patents: false,
    certifications: false,
    products: false,
    fields_completed: 1,
    total_fields: 6,
    company_info_complete: false,
    products_count: 0,
  });
});

Deno.test("progress: patents need both counts, certifications need count and ESG", () => {
  const p = computeProgress(snapshot({ invention_patent_count: 3, certification_count: 0 }));
  assert.equal(p.patents, false);
  assert.equal(p.certifications, false);
  assert.equal(p.fields_completed, 2);
  const q = computeProgress(snapshot({
    invention_patent_count: 3,
    utility_patent_count: 0,
    certification_count: 0,
    esg_certification: false,
    esg_certifications: [],
  }));
  assert.equal(q.patents, true);
  assert.equal(q.certifications, true);
  assert.equal(q.fields_completed, 4);
});

Deno.test("progress: zero counts and ESG false count as answered; products counted", () => {
  const p = computeProgress(snapshot({
    industry: "食品業",
    capital_amount: 5_000_000,
    invention_patent_count: 0,
    utility_patent_count: 0,
    certification_count: 0,
    esg_certification: false,
    esg_certifications: [],
  }, 2));
  assert.equal(p.fields_completed, 6);
  assert.equal(p.company_info_complete, true);
  assert.equal(p.products, true);
  assert.equal(p.products_count, 2);
});

Deno.test("progress: an empty industry string is missing", () => {
  assert.equal(computeProgress(snapshot({ industry: "  " })).industry, false);
});

Deno.test("missingCompanyFields: in asking order", () => {
  assert.deepEqual(
    missingCompanyFields(snapshot({ capital_amount: 1, esg_certification: true }).profile),
    [
      "industry",
      "invention_patent_count",
      "utility_patent_count",
      "certification_count",
    ],
  );
  assert.deepEqual(
    missingCompanyFields(snapshot({}).profile),
    [
      "industry",
      "capital_amount",
      "invention_patent_count",
      "utility_patent_count",
      "certification_count",
      "esg_certification",
    ],
  );
});
