import assert from "node:assert/strict";
import { FINISH_TEXTS } from "../../../shared/onboarding/engine/texts.ts";
import { emptyProfile, type OnboardingSnapshot } from "../../../shared/onboarding/types.ts";
import { completeCompany } from "../engine/conversation.ts";
import { result, withChat } from "./helpers.ts";

const withProduct = (): OnboardingSnapshot => ({
  ...completeCompany(),
  products: [{
    id: 7,
    product_id: "P001",
    product_name: "智能晶片",
    price: "1000元",
    main_raw_materials: "矽晶圓",
    product_standard: "10nm製程",
    technical_advantages: "低功耗",
  }],
});

Deno.test("ai finish: a proposed completion with missing fields does not complete", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say(
      "資料我都給你了，幫我直接送出完成吧",
      result({ wants_finish: true, confirmed: true, reply: "好的，已為您完成！" }),
    );
    assert.equal(turn.completed, false);
    assert.equal(turn.state.confirm, null);
    assert.deepEqual(turn.profile, {});
    assert.match(turn.reply, /還不能完成喔，基本資料還缺少：資本總額、發明專利數量/);
  }, { profile: { ...emptyProfile(), industry: "電子業" }, products: [] });
});

Deno.test("ai finish: completion only after the summary and an explicit confirmation", async () => {
  await withChat(async (chat, { fake }) => {
    // "No more products" in free words: the rule engine's requestFinish shows the summary.
    let turn = await chat.say(
      "應該就這些了，其他產品之後再說，謝謝你",
      result({ wants_finish: true, reply: "不客氣！" }),
    );
    assert.equal(turn.completed, false);
    assert.ok(turn.state.confirm);
    assert.match(turn.reply, new RegExp(FINISH_TEXTS.summaryHeading));
    assert.match(turn.reply, /智能晶片（P001）/);
    // The model thinks this confirms; the server shows the summary again and waits for 確認.
    turn = await chat.say("嗯嗯看起來都沒什麼問題的樣子", result({ confirmed: true }));
    assert.equal(turn.completed, false);
    assert.ok(turn.state.confirm);
    assert.match(turn.reply, /請回答「確認」/);
    const requests = fake.requests.length;
    // The explicit confirmation is the rule engine's, without a model call.
    turn = await chat.say("確認");
    assert.equal(turn.completed, true);
    assert.equal(turn.reply, FINISH_TEXTS.completed);
    assert.equal(fake.requests.length, requests);
  }, withProduct());
});

Deno.test("ai finish: a change after the summary needs a new confirmation", async () => {
  await withChat(async (chat) => {
    await chat.say("應該就這些了", result({ wants_finish: true }));
    const first = chat.state.confirm!.digest;
    const turn = await chat.say(
      "喔對了資本額其實是六百萬",
      result({ company: { capital_amount: "六百萬" } }),
    );
    assert.deepEqual(turn.profile, { capital_amount: 6_000_000 });
    assert.ok(turn.state.confirm && turn.state.confirm.digest !== first);
    assert.match(turn.reply, new RegExp(FINISH_TEXTS.summaryChanged));
    assert.equal((await chat.say("確認")).completed, true);
  }, withProduct());
});
