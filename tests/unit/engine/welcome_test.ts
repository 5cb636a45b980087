import assert from "node:assert/strict";
import { welcomeMessage } from "../../../shared/onboarding/engine/welcome.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { completeCompany, Conversation } from "./conversation.ts";

Deno.test("welcome: a new session introduces, mentions several facts and uploads, asks industry", () => {
  const text = welcomeMessage({ profile: emptyProfile(), products: [] }, false);
  assert.ok(text.startsWith("您好！我是企業導入 AI 助理 🤖\n\n"));
  assert.match(text, /一次提供多項資訊/);
  assert.match(text, /上傳文件/);
  assert.match(text, /首先，請問貴公司所屬的產業別是什麼？/);
});

Deno.test("welcome: copied data is summarised and only the missing item is asked", () => {
  const snapshot = completeCompany();
  snapshot.profile.utility_patent_count = null;
  snapshot.profile.esg_certification = null;
  snapshot.profile.esg_certifications = null;
  const text = welcomeMessage(snapshot, true);
  assert.match(text, /歡迎回來！我已帶入您上次填寫的資料：/);
  assert.match(text, /• 產業別：電子業/);
  assert.match(text, /• 資本總額：5,000,000 元（500萬元）/);
  assert.match(text, /資本額改成600萬/);
  assert.match(text, /目前還缺少：新型專利數量、ESG相關認證。請問貴公司擁有多少件新型專利？/);
  assert.doesNotMatch(text, /請問貴公司所屬的產業別/);
  assert.doesNotMatch(text, /請問貴公司的資本總額/);
  // The conversation continues from the first missing item.
  const c = new Conversation(snapshot);
  assert.match(c.say("3"), /^好的，新型專利 3 件。/);
  assert.equal(c.snapshot.profile.utility_patent_count, 3);
});

Deno.test("welcome: complete copied data with products asks only about updates", () => {
  const snapshot = completeCompany();
  snapshot.products = [{
    id: 4,
    product_id: "P001",
    product_name: "智能晶片",
    price: "1000元",
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
  }];
  const text = welcomeMessage(snapshot, true);
  assert.match(text, /1\. 智能晶片（P001）/);
  assert.match(text, /還有其他產品要新增或需要修改的地方嗎？/);
  assert.doesNotMatch(text, /請問貴公司/);
  const c = new Conversation(snapshot);
  assert.match(c.say("沒有了"), /^以下是您提供的資料，請確認：/);
  c.say("確認");
  assert.equal(c.completed, true);
});

Deno.test("welcome: complete copied data without products asks for products", () => {
  const text = welcomeMessage(completeCompany(), true);
  assert.match(text, /請問貴公司有要登錄的產品嗎？/);
});
