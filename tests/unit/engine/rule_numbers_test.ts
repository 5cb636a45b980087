import assert from "node:assert/strict";
import { decideTurn } from "../../../shared/onboarding/ai/turn.ts";
import { initialState, parseState } from "../../../shared/onboarding/engine/state.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { result } from "../ai/helpers.ts";
import { completeCompany, Conversation } from "./conversation.ts";

const CONFIRM_500 = "資本總額 500 元似乎偏低，請確認：是 500 元嗎？正確請回答「是」，" +
  "或輸入正確金額（例如：500萬）。";

// The industry is stored and the capital asked.
function atCapital(): Conversation {
  const c = new Conversation();
  c.say("食品業");
  return c;
}

// Industry and capital are stored and the invention patents asked.
function atPatents(): Conversation {
  const c = atCapital();
  c.say("500萬");
  return c;
}

Deno.test("hedged count: stored, and the acknowledgement says it can be changed", () => {
  const c = atPatents();
  const reply = c.say("大約12件");
  assert.equal(c.snapshot.profile.invention_patent_count, 12);
  assert.match(reply, /^好的，發明專利 12 件（您說大約，之後可以再修改）。接下來，請問/);
  // A plain answer gets the plain acknowledgement.
  assert.match(c.say("5件"), /^好的，新型專利 5 件。(?!（)/);
});

Deno.test("hedged labelled facts: only the hedged field carries the note", () => {
  const c = new Conversation();
  const reply = c.say("我們是食品業，資本額差不多300萬");
  assert.equal(c.snapshot.profile.capital_amount, 3_000_000);
  assert.match(
    reply,
    /產業別：食品業；資本總額：3,000,000 元（300萬元）（您說大約，之後可以再修改）/,
  );
  assert.doesNotMatch(reply, /食品業（您說大約/);
});

Deno.test("a range is not stored: one number is asked for, with one example", () => {
  const c = atPatents();
  for (const message of ["大概三四件", "5~6件", "10或12件"]) {
    const reply = c.say(message);
    assert.equal(c.snapshot.profile.invention_patent_count, null, message);
    assert.deepEqual(c.last!.profile, {}, message);
    assert.match(reply, /^抱歉，發明專利數量需要一個確定的數字，您提供的是範圍或不只一個數字。/);
    assert.match(reply, /例如：10件/);
  }
});

Deno.test("a foreign currency is not stored: the amount is asked in NT$", () => {
  const c = atCapital();
  const reply = c.say("100萬美金");
  assert.equal(c.snapshot.profile.capital_amount, null);
  assert.match(reply, /^抱歉，資本總額請以新臺幣（NT\$）計算/);
});

Deno.test("implausible capital: asked to confirm, stored after 是", () => {
  const c = atCapital();
  const reply = c.say("500");
  assert.equal(c.snapshot.profile.capital_amount, null);
  assert.deepEqual(c.last!.profile, {});
  assert.equal(reply, CONFIRM_500);
  assert.deepEqual(c.state.pendingValue, { field: "capital_amount", value: 500 });
  assert.match(c.say("是"), /^好的，資本總額為 500 元。接下來，請問貴公司擁有多少件發明專利/);
  assert.equal(c.snapshot.profile.capital_amount, 500);
  assert.equal(c.state.pendingValue, undefined);
});

Deno.test("implausible capital: another answer is read normally and clears the question", () => {
  const c = atCapital();
  c.say("300元");
  assert.match(c.say("300萬"), /^好的，資本總額為 3,000,000 元/);
  assert.equal(c.snapshot.profile.capital_amount, 3_000_000);
  assert.equal(c.state.pendingValue, undefined);

  const d = atCapital();
  d.say("500");
  d.say("發明專利2件");
  assert.equal(d.snapshot.profile.capital_amount, null);
  assert.equal(d.snapshot.profile.invention_patent_count, 2);
  assert.equal(d.state.pendingValue, undefined);
});

Deno.test("implausible capital: the same value again confirms it, a no drops it", () => {
  const c = atCapital();
  c.say("500");
  c.say("對，就是500元");
  assert.equal(c.snapshot.profile.capital_amount, 500);

  const d = atCapital();
  d.say("500");
  const reply = d.say("不是");
  assert.equal(d.snapshot.profile.capital_amount, null);
  assert.match(reply, /^好的，這個數值先不記錄。\n\n請問貴公司的資本總額是多少/);
});

Deno.test("implausible correction at the summary: 是 confirms the value, not the summary", () => {
  const c = new Conversation(completeCompany());
  c.say("沒有");
  assert.ok(c.state.confirm);
  assert.equal(c.say("資本額改成500"), CONFIRM_500);
  assert.equal(c.snapshot.profile.capital_amount, 5_000_000);
  const reply = c.say("是");
  assert.equal(c.completed, false);
  assert.equal(c.snapshot.profile.capital_amount, 500);
  assert.match(reply, /資料有更新，請再確認一次/);
  c.say("確認");
  assert.equal(c.completed, true);
});

Deno.test("the AI engine's capital goes through the same confirmation", () => {
  const snapshot = { profile: { ...emptyProfile(), industry: "食品業" }, products: [] };
  const input = { state: initialState(), snapshot, message: "500", history: [] };
  const decided = decideTurn(input, result({ company: { capital_amount: "500" } }));
  assert.ok(decided);
  assert.deepEqual(decided.turn.profile, {});
  assert.deepEqual(decided.turn.state.pendingValue, { field: "capital_amount", value: 500 });
  assert.equal(decided.turn.reply, CONFIRM_500);
});

Deno.test("parseState keeps a well-formed pending value and drops anything else", () => {
  const base = { version: 1, draft: null, confirm: null };
  assert.deepEqual(
    parseState({ ...base, pendingValue: { field: "capital_amount", value: 500 } }).pendingValue,
    { field: "capital_amount", value: 500 },
  );
  for (
    const bad of [
      { field: "industry", value: 500 },
      { field: "capital_amount", value: "500" },
      { field: "capital_amount", value: -1 },
      { field: "capital_amount", value: 1.5 },
      null,
      "500",
    ]
  ) {
    assert.equal(parseState({ ...base, pendingValue: bad }).pendingValue, undefined);
  }
  assert.deepEqual(parseState(base), initialState());
});
