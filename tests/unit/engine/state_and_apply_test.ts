import assert from "node:assert/strict";
import { applyTurn } from "../../../shared/onboarding/engine/apply.ts";
import {
  isConfirmWord,
  isFinishWord,
  parseDeleteCommand,
} from "../../../shared/onboarding/engine/commands.ts";
import { detectHelpTopic } from "../../../shared/onboarding/engine/help.ts";
import { ruleEngine } from "../../../shared/onboarding/engine/rule_engine.ts";
import { initialState, parseState } from "../../../shared/onboarding/engine/state.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { completeCompany } from "./conversation.ts";

Deno.test("state: initial state and defensive parsing of stored jsonb", () => {
  assert.deepEqual(initialState(), { version: 1, draft: null, confirm: null });
  assert.deepEqual(parseState(null), initialState());
  assert.deepEqual(parseState({ version: 9, draft: {} }), initialState());
  assert.deepEqual(
    parseState({
      version: 1,
      draft: { product_name: "x", price: null, bogus: 1, price2: 3 },
      confirm: { digest: "ab" },
    }),
    { version: 1, draft: { product_name: "x", price: null }, confirm: { digest: "ab" } },
  );
  assert.deepEqual(parseState({ version: 1, draft: [], confirm: { digest: 5 } }), initialState());
});

Deno.test("applyTurn: merges the profile and applies product changes with negative ids", () => {
  const before = completeCompany();
  before.products = [{
    id: 10,
    product_id: "P001",
    product_name: "a",
    price: null,
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
  }];
  const fields = {
    product_id: "P002",
    product_name: "b",
    price: null,
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
  };
  const after = applyTurn(before, {
    profile: { capital_amount: 1 },
    productChanges: [
      { kind: "insert", fields },
      { kind: "insert", fields: { ...fields, product_id: "P003" } },
      { kind: "update", id: 10, fields: { price: "5元" } },
      { kind: "delete", id: -1 },
    ],
  });
  assert.equal(after.profile.capital_amount, 1);
  assert.deepEqual(after.products.map((p) => [p.id, p.product_id, p.price]), [
    [10, "P001", "5元"],
    [-2, "P003", null],
  ]);
  // The input is untouched.
  assert.equal(before.profile.capital_amount, 5_000_000);
  assert.equal(before.products.length, 1);
  assert.equal(before.products[0].price, null);
});

Deno.test("commands: whole-message finish/confirm words only", () => {
  assert.equal(isFinishWord("完成"), true);
  assert.equal(isFinishWord("沒有了。"), true);
  assert.equal(isFinishWord("尚未完成"), false);
  assert.equal(isFinishWord("產品名稱：完成品"), false);
  assert.equal(isConfirmWord("確認！"), true);
  assert.equal(isConfirmWord("是"), true);
  assert.equal(isConfirmWord("是否"), false);
  assert.equal(isConfirmWord("沒有"), false);
});

Deno.test("commands: delete commands", () => {
  assert.equal(parseDeleteCommand("刪除產品 P001"), "P001");
  assert.equal(parseDeleteCommand("請刪除產品「智能晶片」"), "智能晶片");
  assert.equal(parseDeleteCommand("把P002刪掉"), "P002");
  assert.equal(parseDeleteCommand("移除 感測器"), "感測器");
  assert.equal(parseDeleteCommand("我想刪除"), null);
  assert.equal(parseDeleteCommand("智能晶片"), null);
});

Deno.test("help: topics of questions only", () => {
  assert.equal(detectHelpTopic("什麼是新型專利？"), "utility_patent");
  assert.equal(detectHelpTopic("ESG是什麼?"), "esg");
  assert.equal(detectHelpTopic("發明專利是指什麼"), "invention_patent");
  assert.equal(detectHelpTopic("產品ID是什麼？"), "product_id");
  assert.equal(detectHelpTopic("可以上傳檔案嗎"), "upload");
  assert.equal(detectHelpTopic("新型專利5件"), null);
});

Deno.test("ruleEngine: implements the interface asynchronously", async () => {
  assert.equal(ruleEngine.name, "rule");
  assert.equal(ruleEngine.historyLength, 0);
  const turn = await ruleEngine.turn({
    state: initialState(),
    snapshot: { profile: emptyProfile(), products: [] },
    history: [],
    message: "我的公司是電子業",
  });
  assert.deepEqual(turn.profile, { industry: "電子業" });
  assert.equal(turn.completed, false);
  assert.equal(
    turn.reply,
    "好的，您的公司屬於電子業。接下來，請問貴公司的資本總額是多少？（請以臺幣為單位）",
  );
});
