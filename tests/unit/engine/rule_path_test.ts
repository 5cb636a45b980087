import assert from "node:assert/strict";
import { toExportRecord } from "../../../shared/onboarding/export.ts";
import { computeProgress } from "../../../shared/onboarding/progress.ts";
import { EXAMPLE_EXPORT } from "../../../shared/onboarding/example_company.ts";
import { Conversation, P001_BLOCK } from "./conversation.ts";

const CONTRACT_EXPORT = EXAMPLE_EXPORT;

Deno.test("rule engine: the straight path ends in the contract's export", () => {
  const c = new Conversation();
  assert.equal(
    c.say("電子業"),
    "好的，您的公司屬於電子業。接下來，請問貴公司的資本總額是多少？（請以臺幣為單位）",
  );
  assert.deepEqual(c.last!.profile, { industry: "電子業" });
  assert.match(
    c.say("500萬"),
    /^好的，資本總額為 5,000,000 元（500萬元）。接下來，請問貴公司擁有多少件發明專利？/,
  );
  assert.match(c.say("10"), /^好的，發明專利 10 件。接下來，請問貴公司擁有多少件新型專利？/);
  assert.match(
    c.say("5"),
    /^好的，新型專利 5 件。再 2 項就完成基本資料了！接下來，請問貴公司擁有多少份公司認證資料？/,
  );
  assert.match(
    c.say("3"),
    /^好的，公司認證資料 3 份。只剩最後 1 項基本資料了！接下來，請問貴公司是否有ESG相關認證？/,
  );
  const afterEsg = c.say("ISO 14064、ISO 14067");
  assert.match(
    afterEsg,
    /^好的，ESG相關認證：ISO 14064、ISO 14067。公司基本資料已全部完成 🎉\n\n接下來是產品資料。/,
  );
  assert.deepEqual(c.snapshot.profile.esg_certifications, ["ISO 14064", "ISO 14067"]);
  assert.equal(computeProgress(c.snapshot).company_info_complete, true);
  const afterProduct = c.say(P001_BLOCK);
  assert.match(
    afterProduct,
    /^已新增產品「智能晶片」（P001）。目前已登錄 1 個產品。還有其他產品嗎？/,
  );
  const summary = c.say("沒有了");
  assert.match(
    summary,
    /^以下是您提供的資料，請確認：\n• 產業別：電子業\n• 資本總額：5,000,000 元（500萬元）/,
  );
  assert.match(summary, /• ESG相關認證：有（ISO 14064、ISO 14067）/);
  assert.match(summary, /1\. 智能晶片（P001）/);
  assert.match(summary, /請回答「確認」/);
  assert.equal(c.completed, false);
  assert.match(c.say("確認"), /^✅ 資料已確認完成/);
  assert.equal(c.completed, true);
  assert.deepEqual(c.last!.profile, {});
  assert.deepEqual(c.last!.productChanges, []);
  const exported = toExportRecord(c.snapshot);
  assert.deepEqual(exported, CONTRACT_EXPORT);
  assert.equal(JSON.stringify(exported), JSON.stringify(CONTRACT_EXPORT));
});

Deno.test("rule engine: a certification list counts its names", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "10", "5");
  assert.match(c.say("ISO 9001、ISO 14001"), /^好的，公司認證資料 2 份（ISO 9001、ISO 14001）。/);
  assert.equal(c.snapshot.profile.certification_count, 2);
  assert.deepEqual(c.snapshot.profile.certifications, ["ISO 9001", "ISO 14001"]);
});

Deno.test("rule engine: everything in one message", () => {
  const c = new Conversation();
  const reply = c.say(
    "我們是電子業，資本額1億2千萬，發明專利10件，新型專利5件，公司認證3份，ESG認證：ISO 14064、ISO 14067",
  );
  assert.deepEqual(c.snapshot.profile, {
    industry: "電子業",
    capital_amount: 120_000_000,
    invention_patent_count: 10,
    utility_patent_count: 5,
    certification_count: 3,
    certifications: null,
    esg_certification: true,
    esg_certifications: ["ISO 14064", "ISO 14067"],
  });
  assert.match(reply, /^好的，已記錄 產業別：電子業；資本總額：120,000,000 元（1億2000萬元）；/);
  assert.match(reply, /公司基本資料已全部完成 🎉/);
  assert.match(reply, /請問貴公司有要登錄的產品嗎？/);
});

Deno.test("rule engine: the contract's multi-fact example, then the next missing question", () => {
  const c = new Conversation();
  const reply = c.say("我們是食品業，資本額500萬，有2個發明專利");
  assert.equal(c.snapshot.profile.industry, "食品業");
  assert.equal(c.snapshot.profile.capital_amount, 5_000_000);
  assert.equal(c.snapshot.profile.invention_patent_count, 2);
  assert.match(reply, /接下來，請問貴公司擁有多少件新型專利？/);
});

Deno.test("rule engine: no products at all may finish", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "0", "0", "沒有", "無");
  assert.equal(c.snapshot.profile.certification_count, 0);
  assert.equal(c.snapshot.profile.esg_certification, false);
  const summary = c.say("沒有");
  assert.match(summary, /• 產品：0 個/);
  c.say("確認");
  assert.equal(c.completed, true);
  assert.deepEqual(toExportRecord(c.snapshot)["產品"], []);
  assert.equal(toExportRecord(c.snapshot)["ESG相關認證資料"], "無");
});

Deno.test("rule engine: a counted list with a lead-in (3張：…)", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "10", "5");
  c.say("3張：ISO 9001、ISO 14001、HACCP");
  assert.equal(c.snapshot.profile.certification_count, 3);
  assert.deepEqual(c.snapshot.profile.certifications, ["ISO 9001", "ISO 14001", "HACCP"]);
});

Deno.test("rule engine: finishing early names the missing fields at every pending step", () => {
  const messages = ["就這些了，結束", "先這樣", "好了，完成", "我填完了", "結束吧"];
  for (const message of messages) {
    const c = new Conversation();
    c.say("電子業");
    const reply = c.say(message);
    assert.match(reply, /^還不能完成喔，基本資料還缺少：資本總額、發明專利/, message);
    assert.deepEqual(c.last!.profile, {});
  }
  // While a product field is pending, with company data still missing.
  const c = new Conversation();
  c.sayAll("電子業", "新增產品", "桂圓紅棗茶");
  const reply = c.say("就這些了，結束");
  assert.match(reply, /還不能完成喔，基本資料還缺少：資本總額/);
  assert.doesNotMatch(reply, /沒有看懂/);
});

Deno.test("rule engine: 尚未完成 and 還沒結束 are not finish requests", () => {
  for (const message of ["尚未完成", "還沒結束", "還沒完成"]) {
    const c = new Conversation();
    c.sayAll("電子業", "500萬");
    const reply = c.say(message);
    assert.doesNotMatch(reply, /還不能完成/, message);
    assert.deepEqual(c.last!.profile, {}, message);
  }
});

Deno.test("rule engine: a help question naming a field stores nothing and the form resumes", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬");
  const reply = c.say("發明專利和新型專利有什麼不同？");
  assert.match(reply, /發明專利[^\n]*20 年[^\n]*新型專利[^\n]*10 年/);
  assert.match(reply, /請問貴公司擁有多少件發明專利？/);
  assert.deepEqual(c.last!.profile, {});
  const capital = new Conversation();
  capital.say("電子業");
  assert.match(capital.say("資本額是指實收資本嗎？"), /💡 資本總額/);
  assert.equal(capital.snapshot.profile.capital_amount, null);
});
