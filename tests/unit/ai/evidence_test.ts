/**
 * No value without evidence (contract §7), chat turns: what the model proposes is stored only
 * when the user's message states it, and the reply never claims a change the server did not
 * make. The model is the local OpenAI-compatible fake, scripted per turn.
 */
import assert from "node:assert/strict";
import { Evidence } from "../../../shared/onboarding/ai/evidence.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { product, result, withChat } from "./helpers.ts";

const INDUSTRY_QUESTION = /請問貴公司所屬的產業別是什麼？/;
const withIndustry = () => ({ profile: { ...emptyProfile(), industry: "電子業" }, products: [] });

Deno.test("ai evidence: invented values are not stored, and the reply asks", async () => {
  await withChat(async (chat, { logs }) => {
    const turn = await chat.say(
      "請幫我處理一下資料",
      result({
        company: { industry: "電子業", capital_amount: "500萬", invention_patent_count: "3" },
        reply: "沒問題，您的公司是電子業，資本額500萬，有3件發明專利。",
      }),
    );
    assert.deepEqual(turn.profile, {});
    assert.deepEqual(turn.productChanges, []);
    assert.deepEqual(chat.snapshot.profile, emptyProfile());
    assert.match(turn.reply, INDUSTRY_QUESTION);
    assert.doesNotMatch(turn.reply, /500萬|電子業，資本額/);
    const rejected = logs.filter((e) => e.event === "ai_proposal_rejected");
    assert.deepEqual(rejected.map((e) => [e.action, e.reason]), [
      ["company:industry", "no_evidence"],
      ["company:capital_amount", "no_evidence"],
      ["company:invention_patent_count", "no_evidence"],
    ]);
  });
});

Deno.test("ai evidence: only the values the user stated are stored", async () => {
  await withChat(async (chat, { logs }) => {
    const turn = await chat.say(
      "資本額500萬",
      result({ company: { capital_amount: "500萬", invention_patent_count: "發明專利3件" } }),
    );
    assert.deepEqual(turn.profile, { capital_amount: 5_000_000 });
    assert.match(turn.reply, /請問貴公司擁有多少件發明專利？/);
    assert.ok(
      logs.some((e) =>
        e.event === "ai_proposal_rejected" && e.action === "company:invention_patent_count" &&
        e.reason === "no_evidence"
      ),
    );
  }, withIndustry());
});

Deno.test("ai evidence: a value is supported by its parsed equal in the message", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say(
      "我們做食品的，資本額五百萬元，沒有新型專利，發明專利兩件",
      result({
        company: {
          industry: "食品業",
          capital_amount: "500萬",
          invention_patent_count: "2",
          utility_patent_count: "0",
        },
      }),
    );
    assert.deepEqual(turn.profile, {
      industry: "食品業",
      capital_amount: 5_000_000,
      invention_patent_count: 2,
      utility_patent_count: 0,
    });
    const esg = await chat.say(
      "esg的話我們有iso14064",
      result({ company: { esg_certifications: "ISO 14064" } }),
    );
    assert.deepEqual(esg.profile, { esg_certification: true, esg_certifications: ["ISO 14064"] });
  });
});

Deno.test("ai evidence: the checks compare values, not spellings", () => {
  const said = new Evidence("資本額新台幣5,000萬元，2023年取得ISO-9001，發明專利十二件");
  assert.ok(said.statesAmount(50_000_000));
  assert.ok(!said.statesAmount(2023));
  assert.ok(said.statesCount(12));
  assert.ok(!said.statesCount(9001), "a standard's number is not a count");
  assert.ok(!said.statesCount(0), "no none-word");
  assert.ok(said.namesCertification("ISO 9001"));
  assert.ok(!said.namesCertification("ISO 14001"));
  // A range or an approximation is a guess, not evidence of either end.
  assert.ok(!new Evidence("資本額500萬到600萬").statesAmount(5_000_000));
  assert.ok(!new Evidence("大約十幾件").statesCount(10));
  // 沒錯 is not "none"; 沒有 is.
  assert.ok(!new Evidence("沒錯").saysNone());
  assert.ok(new Evidence("目前沒有").statesCount(0));
  assert.ok(new Evidence("我們是做半導體的").namesIndustry("半導體業"));
  assert.ok(!new Evidence("我們是做半導體的").namesIndustry("電子業"));
});

Deno.test("ai evidence: a product field the message does not state is dropped", async () => {
  await withChat(async (chat, { logs }) => {
    const turn = await chat.say(
      "新增產品智能晶片，價格 1,000 元",
      result({
        products: [product({
          product_name: "智能晶片",
          price: "1,000元",
          main_raw_materials: "矽晶圓",
          technical_advantages: "低功耗",
        })],
      }),
    );
    assert.deepEqual(turn.state.draft, { product_name: "智能晶片", price: "1,000元" });
    assert.doesNotMatch(turn.reply, /矽晶圓|低功耗/);
    const rejected = logs.filter((e) => e.event === "ai_proposal_rejected");
    assert.deepEqual(rejected.map((e) => [e.action, e.reason]), [
      ["upsert:main_raw_materials", "no_evidence"],
      ["upsert:technical_advantages", "no_evidence"],
    ]);
  }, withIndustry());
});

Deno.test("ai evidence: a reply never claims a change the server did not make", async () => {
  // Something was stored (the capital), but the model's sentence claims another change.
  await withChat(async (chat, { logs }) => {
    const turn = await chat.say(
      "資本額500萬",
      result({
        company: { capital_amount: "500萬" },
        reply: "已將產業別更新為食品業，資本額也記下來了！",
      }),
    );
    assert.deepEqual(turn.profile, { capital_amount: 5_000_000 });
    assert.doesNotMatch(turn.reply, /已將產業別更新為食品業/);
    assert.doesNotMatch(turn.reply, /食品業/);
    assert.match(turn.reply, /5,000,000|500萬/);
    assert.ok(
      logs.some((e) =>
        e.event === "ai_proposal_rejected" && e.action === "reply" && e.reason === "claims_change"
      ),
    );
  }, withIndustry());
  // Nothing was stored at all.
  await withChat(async (chat) => {
    const turn = await chat.say(
      "嗯嗯",
      result({ company: { industry: "食品業" }, reply: "好的，已將產業別更新為食品業。" }),
    );
    assert.deepEqual(turn.profile, {});
    assert.doesNotMatch(turn.reply, /更新為食品業/);
    assert.match(turn.reply, INDUSTRY_QUESTION);
  });
  // Small talk and answers are kept.
  await withChat(async (chat) => {
    const turn = await chat.say(
      "你們的服務很不錯",
      result({ reply: "謝謝您的肯定！" }),
    );
    assert.match(turn.reply, /^謝謝您的肯定！/);
  });
});
