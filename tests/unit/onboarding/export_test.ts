import assert from "node:assert/strict";
import { toExportRecord } from "../../../shared/onboarding/export.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { EXAMPLE_EXPORT, EXAMPLE_PRODUCT } from "../../../shared/onboarding/example_company.ts";

const CONTRACT_EXAMPLE = EXAMPLE_EXPORT;

Deno.test("export: the contract example, same values and key order", () => {
  const record = toExportRecord({
    profile: {
      industry: "電子業",
      capital_amount: 5000000,
      invention_patent_count: 10,
      utility_patent_count: 5,
      certification_count: 3,
      certifications: null,
      esg_certification: true,
      esg_certifications: ["ISO 14064", "ISO 14067"],
    },
    products: [{ id: 7, ...EXAMPLE_PRODUCT }],
  });
  assert.deepEqual(record, CONTRACT_EXAMPLE);
  assert.equal(JSON.stringify(record), JSON.stringify(CONTRACT_EXAMPLE));
  assert.deepEqual(Object.keys(record), Object.keys(CONTRACT_EXAMPLE));
  assert.deepEqual(Object.keys(record["產品"][0]), Object.keys(CONTRACT_EXAMPLE["產品"][0]));
});

Deno.test("export: key spelling (full-width vs ASCII parentheses)", () => {
  const record = toExportRecord({ profile: emptyProfile(), products: [] });
  assert.ok("資本總額\uff08以臺幣為單位\uff09" in record);
  const product = toExportRecord({
    profile: emptyProfile(),
    products: [{
      id: 1,
      product_id: null,
      product_name: "x",
      price: null,
      main_raw_materials: null,
      product_standard: null,
      technical_advantages: null,
    }],
  })["產品"][0];
  assert.ok("產品規格(尺寸\u3001精度)" in product);
});

Deno.test("export: nothing collected → nulls and [] products", () => {
  assert.deepEqual(toExportRecord({ profile: emptyProfile(), products: [] }), {
    "產業別": null,
    "資本總額（以臺幣為單位）": null,
    "發明專利數量": null,
    "新型專利數量": null,
    "公司認證資料數量": null,
    "ESG相關認證資料": null,
    "產品": [],
  });
});

Deno.test("export: ESG false is 無; zero counts stay 0", () => {
  const record = toExportRecord({
    profile: {
      ...emptyProfile(),
      invention_patent_count: 0,
      esg_certification: false,
      esg_certifications: [],
    },
    products: [],
  });
  assert.equal(record["ESG相關認證資料"], "無");
  assert.equal(record["發明專利數量"], 0);
});
