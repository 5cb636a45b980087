import assert from "node:assert/strict";
import { zodResponseFormat } from "openai/helpers/zod";
import { TurnResultSchema } from "../../../shared/onboarding/ai/schema.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { completeCompany } from "../engine/conversation.ts";
import { result, withChat } from "./helpers.ts";

Deno.test("ai schema: zod v4 gives a strict schema with every key required", () => {
  const format = zodResponseFormat(TurnResultSchema, "onboarding_turn");
  assert.equal(format.type, "json_schema");
  assert.equal(format.json_schema.strict, true);
  const schema = format.json_schema.schema as {
    required: string[];
    additionalProperties: boolean;
    properties: { company: { required: string[] } };
  };
  assert.deepEqual(schema.required.sort(), [
    "asked_question",
    "company",
    "confirmed",
    "products",
    "reply",
    "wants_finish",
  ]);
  assert.equal(schema.additionalProperties, false);
  assert.equal(schema.properties.company.required.length, 6);
});

Deno.test("ai nothing read: a bare answer the model missed is read by the rule parsers", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say("500萬", result());
    assert.deepEqual(turn.profile, { capital_amount: 5_000_000 });
  }, { profile: { ...emptyProfile(), industry: "電子業" }, products: [] });
});

Deno.test("ai nothing read: a question gets the model's answer, then the pending question", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say(
      "新型專利跟發明專利差在哪裡？",
      result({
        asked_question: "新型專利跟發明專利差在哪裡？",
        reply: "發明專利保護技術方案，新型專利保護產品的形狀或構造。",
      }),
    );
    assert.deepEqual(turn.profile, {});
    assert.equal(
      turn.reply,
      "發明專利保護技術方案，新型專利保護產品的形狀或構造。\n\n請問貴公司的資本總額是多少？（請以臺幣為單位）",
    );
  }, { profile: { ...emptyProfile(), industry: "電子業" }, products: [] });
});

Deno.test("ai nothing read: chatter at the products step does not become a product", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say("我們的產品很多，之後再提供", result({ reply: "沒問題！" }));
    assert.deepEqual(turn.productChanges, []);
    assert.equal(turn.state.draft, null);
    assert.match(turn.reply, /^沒問題！\n\n接下來是產品資料。/);
  }, completeCompany());
});
