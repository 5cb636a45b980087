import assert from "node:assert/strict";
import { documentTurn } from "../../../shared/onboarding/engine/document_turn.ts";
import { initialState } from "../../../shared/onboarding/engine/state.ts";
import { emptyProfile, type OnboardingSnapshot } from "../../../shared/onboarding/types.ts";
import { EXAMPLE_PRODUCT } from "../../../shared/onboarding/example_company.ts";

const file = { name: "company_info.pdf", typeLabel: "PDF文件", characters: 1500 };
const chip = EXAMPLE_PRODUCT;

Deno.test("a document fills empty fields and reports exactly what it filled", () => {
  const snapshot: OnboardingSnapshot = { profile: emptyProfile(), products: [] };
  const turn = documentTurn(initialState(), snapshot, {
    profile: { industry: "電子業", capital_amount: 5000000, invention_patent_count: 10 },
    products: [chip],
  }, file);
  assert.deepEqual(turn.profile, {
    industry: "電子業",
    capital_amount: 5000000,
    invention_patent_count: 10,
  });
  assert.deepEqual(turn.productChanges, [{ kind: "insert", fields: chip }]);
  assert.equal(turn.dataUpdated, true);
  assert.equal(turn.productsAdded, 1);
  assert.equal(turn.completed, false);
  assert.ok(
    turn.reply.startsWith(
      "✅ 文件處理成功！\n\n📄 文件資訊：\n- 文件名稱：company_info.pdf\n- 文件類型：PDF文件\n" +
        "- 提取字數：1500 字\n\n🤖 已自動提取以下資訊：\n產業別：電子業\n資本額：5,000,000 元（500萬元）\n" +
        "發明專利：10件\n新增產品：智能晶片（P001）\n\n尚缺的基本資料：新型專利數量、公司認證資料數量、ESG相關認證",
    ),
    turn.reply,
  );
  assert.match(turn.reply, /請問貴公司擁有多少件新型專利/);
});

Deno.test("stored values change only where the document states something different", () => {
  const snapshot: OnboardingSnapshot = {
    profile: { ...emptyProfile(), industry: "電子業", capital_amount: 5000000 },
    products: [{ ...chip, id: 7 }],
  };
  const turn = documentTurn(initialState(), snapshot, {
    profile: { industry: "電子業", capital_amount: 6000000, esg_certifications: ["ISO 14064"] },
    products: [{ ...chip, price: "1200元", main_raw_materials: null }],
  }, file);
  assert.deepEqual(turn.profile, {
    capital_amount: 6000000,
    esg_certifications: ["ISO 14064"],
    esg_certification: true,
  });
  assert.deepEqual(turn.productChanges, [{ kind: "update", id: 7, fields: { price: "1200元" } }]);
  assert.equal(turn.productsAdded, 0);
  assert.match(
    turn.reply,
    /資本額：6,000,000 元（600萬元）\nESG認證：ISO 14064\n更新產品：智能晶片/,
  );
  assert.doesNotMatch(turn.reply, /產業別：/);
});

Deno.test("a document with nothing usable changes nothing and says so", () => {
  const snapshot: OnboardingSnapshot = { profile: emptyProfile(), products: [] };
  const turn = documentTurn(initialState(), snapshot, { profile: {}, products: [] }, file);
  assert.deepEqual(turn.profile, {});
  assert.deepEqual(turn.productChanges, []);
  assert.equal(turn.dataUpdated, false);
  assert.match(turn.reply, /沒有找到可以自動填入的資料/);
  assert.match(turn.reply, /產業別是什麼/);
});

Deno.test("products without a name or with over-long values are left out", () => {
  const snapshot: OnboardingSnapshot = { profile: emptyProfile(), products: [] };
  const turn = documentTurn(initialState(), snapshot, {
    profile: {},
    products: [{ ...chip, product_name: "" }, {
      ...chip,
      product_id: "P2",
      price: "x".repeat(201),
    }],
  }, file);
  assert.deepEqual(turn.productChanges, []);
});
