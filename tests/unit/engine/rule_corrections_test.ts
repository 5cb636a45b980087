import assert from "node:assert/strict";
import { completeCompany, Conversation } from "./conversation.ts";

Deno.test("rule engine: 資本額改成600萬 updates and says so", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬");
  const reply = c.say("資本額改成600萬");
  assert.equal(c.snapshot.profile.capital_amount, 6_000_000);
  assert.deepEqual(c.last!.profile, { capital_amount: 6_000_000 });
  assert.match(reply, /^已將資本總額更新為 6,000,000 元（600萬元）。/);
  // The pending question is still the invention patents.
  assert.match(reply, /請問貴公司擁有多少件發明專利？/);
});

Deno.test("rule engine: 產業別應該是食品業 corrects the industry", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬");
  assert.match(c.say("產業別應該是食品業"), /^已將產業別更新為 食品業。/);
  assert.equal(c.snapshot.profile.industry, "食品業");
});

Deno.test("rule engine: out-of-order answers are kept and the first missing item is asked", () => {
  const c = new Conversation();
  const reply = c.say("新型專利3件");
  assert.equal(c.snapshot.profile.utility_patent_count, 3);
  assert.equal(c.snapshot.profile.industry, null);
  assert.match(reply, /^好的，新型專利 3 件。接下來，請問貴公司所屬的產業別是什麼？/);
  c.sayAll("電子業", "500萬");
  // Utility patents are not asked again: after invention patents come certifications.
  assert.match(c.say("10"), /請問貴公司擁有多少份公司認證資料？/);
  assert.equal(c.snapshot.profile.invention_patent_count, 10);
});

Deno.test("rule engine: invalid values are re-asked with the accepted format, nothing stored", () => {
  const c = new Conversation();
  c.say("電子業");
  const negative = c.say("-5");
  assert.match(negative, /^抱歉，資本總額不能是負數喔。請輸入數字，例如：500萬。/);
  // The re-ask says why and shows one example; the question is not repeated word for word.
  assert.equal(negative, "抱歉，資本總額不能是負數喔。請輸入數字，例如：500萬。");
  assert.deepEqual(c.last!.profile, {});
  const nonsense = c.say("很多");
  assert.match(nonsense, /請輸入數字，例如：500萬。/);
  assert.equal(c.snapshot.profile.capital_amount, null);
  assert.match(c.say("五百萬"), /^好的，資本總額為 5,000,000 元/);
  assert.equal(c.snapshot.profile.capital_amount, 5_000_000);
  assert.match(c.say("很多"), /^抱歉，我沒有看懂您的發明專利數量。請輸入件數/);
  assert.equal(c.snapshot.profile.invention_patent_count, null);
  c.say("兩件");
  assert.equal(c.snapshot.profile.invention_patent_count, 2);
});

Deno.test("rule engine: a labelled invalid value is refused while other facts are kept", () => {
  const c = new Conversation();
  const reply = c.say("我們是食品業，資本額-5");
  assert.equal(c.snapshot.profile.industry, "食品業");
  assert.equal(c.snapshot.profile.capital_amount, null);
  assert.match(reply, /抱歉，資本總額不能是負數喔。/);
});

Deno.test("rule engine: help questions answer and resume, storing nothing", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "10");
  const help = c.say("什麼是新型專利？");
  assert.match(help, /^💡 新型專利是針對產品「形狀、構造」/);
  assert.match(help, /\n\n請問貴公司擁有多少件新型專利？/);
  assert.deepEqual(c.last!.profile, {});
  assert.equal(c.snapshot.profile.utility_patent_count, null);
  const esg = c.say("ESG是什麼？");
  assert.match(esg, /ISO 14064（溫室氣體盤查）/);
  assert.match(esg, /請問貴公司擁有多少件新型專利？/);
  assert.match(c.say("5"), /^好的，新型專利 5 件。/);
});

Deno.test("rule engine: 沒有 is zero, never yes", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬");
  c.say("沒有");
  assert.equal(c.snapshot.profile.invention_patent_count, 0);
});

Deno.test("rule engine: 尚未完成 and 完成 never finish while company data is missing", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬");
  const refused = c.say("完成");
  assert.match(
    refused,
    /^還不能完成喔，基本資料還缺少：發明專利數量、新型專利數量、公司認證資料數量、ESG相關認證。/,
  );
  assert.match(refused, /請問貴公司擁有多少件發明專利？/);
  assert.equal(c.state.confirm, null);
  c.say("尚未完成");
  assert.equal(c.state.confirm, null);
  assert.equal(c.completed, false);
  c.sayAll("1", "2", "3");
  // Not at the summary: 確認 is just an answer to the ESG question (yes, which ones?).
  assert.match(c.say("確認"), /ESG相關認證/);
  assert.equal(c.completed, false);
  assert.equal(c.snapshot.profile.esg_certification, null);
});

Deno.test("rule engine: 資本額變成600萬 while a product price is pending corrects the capital", () => {
  for (const message of ["資本額變成600萬", "資本額改成600萬"]) {
    const c = new Conversation(completeCompany());
    c.sayAll("新增產品", "桂圓紅棗茶", "跳過");
    assert.deepEqual(c.state.draft, { product_name: "桂圓紅棗茶", product_id: null });
    const reply = c.say(message);
    assert.deepEqual(c.last!.profile, { capital_amount: 6_000_000 }, message);
    assert.deepEqual(c.last!.productChanges, []);
    // The draft is untouched and its price is still asked.
    assert.deepEqual(c.state.draft, { product_name: "桂圓紅棗茶", product_id: null });
    assert.match(reply, /價格/);
  }
});

Deno.test("rule engine: a closing 才對 does not hide the corrected value", () => {
  const c = new Conversation(completeCompany());
  c.say("資本額應該是800萬才對");
  assert.equal(c.snapshot.profile.capital_amount, 8_000_000);
});
