import assert from "node:assert/strict";
import { type AiLogEvent, createAiEngine } from "../../../shared/onboarding/ai/engine.ts";
import { ruleEngine } from "../../../shared/onboarding/engine/rule_engine.ts";
import { initialState } from "../../../shared/onboarding/engine/state.ts";
import type { ConversationEngine, EngineInput } from "../../../shared/onboarding/engine/types.ts";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { completion, errorResponse, sleep, structured } from "../../support/fake_openai.ts";
import { result, withFake } from "./helpers.ts";

const input = (): EngineInput => ({
  state: initialState(),
  snapshot: { profile: { ...emptyProfile(), industry: "電子業" }, products: [] },
  history: [],
  message: "我們資本額500萬，發明專利3件",
});

async function assertFallsBack(
  handler: () => Response | Promise<Response>,
  reason: string,
  attempts: number,
  policy: { timeoutMs?: number } = {},
) {
  await withFake(handler, async ({ engine, fake, logs }) => {
    const turn = await engine.turn(input());
    // The rule engine's turn, marked as a model's failure (the admin metrics count it).
    assert.deepEqual(turn, { ...await ruleEngine.turn(input()), model: "failed" });
    assert.equal(fake.requests.length, attempts, "one retry at most");
    const event = logs.find((e) => e.event === "ai_fallback");
    assert.ok(event && event.event === "ai_fallback");
    assert.equal(event.reason, reason);
  }, policy);
}

Deno.test("ai fallback: HTTP 500 (after one retry) → the rule engine's turn", async () => {
  await assertFallsBack(() => errorResponse(500), "server_error", 2);
});

Deno.test("ai fallback: HTTP 429 → the rule engine's turn", async () => {
  await assertFallsBack(() => errorResponse(429, "rate limited"), "rate_limited", 2);
});

Deno.test("ai fallback: a timeout → the rule engine's turn", async () => {
  await assertFallsBack(
    async () => {
      await sleep(400);
      return structured(result());
    },
    "timeout",
    2,
    { timeoutMs: 100 },
  );
});

Deno.test("ai fallback: garbage, a wrong shape or a refusal → the rule engine's turn", async () => {
  await assertFallsBack(() => completion("this is {not json"), "malformed_output", 1);
  await assertFallsBack(() => structured({ company: "電子業", ok: true }), "malformed_output", 1);
  await assertFallsBack(
    () => new Response("<html>bad gateway</html>", { status: 200 }),
    "malformed_output",
    1,
  );
  await assertFallsBack(
    () => completion(null, { refusal: "I can't help with that." }),
    "refusal",
    1,
  );
});

Deno.test("ai fallback: an unreachable endpoint → the rule engine's turn", async () => {
  const logs: AiLogEvent[] = [];
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close(); // nothing listens there any more
  const engine = createAiEngine({
    config: { apiKey: "sk-test", model: "m", baseUrl: `http://127.0.0.1:${port}/v1` },
    fallback: ruleEngine,
    log: (e) => logs.push(e),
    maxRetries: 0,
  });
  const turn = await engine.turn(input());
  assert.deepEqual(turn, { ...await ruleEngine.turn(input()), model: "failed" });
  assert.equal(logs[0].event === "ai_fallback" && logs[0].reason, "network");
});

Deno.test("ai fallback: every fallback goes through the injected engine", async () => {
  const seen: string[] = [];
  const recording: ConversationEngine = {
    name: "recording",
    historyLength: 0,
    remote: false,
    turn: (input) => {
      seen.push(input.message);
      return ruleEngine.turn(input);
    },
  };
  const base = {
    state: initialState(),
    snapshot: { profile: { ...emptyProfile(), industry: "電子業" }, products: [] },
    history: [],
  };
  // A rule-owned message (no model call) and a bare answer the model read nothing from.
  await withFake(() => structured(result()), async ({ engine, fake }) => {
    const owned = await engine.turn({ ...base, message: "完成" });
    assert.deepEqual(owned, await ruleEngine.turn({ ...base, message: "完成" }));
    const bare = await engine.turn({ ...base, message: "500萬" });
    assert.deepEqual(bare.profile, { capital_amount: 5_000_000 });
    assert.equal(fake.requests.length, 1);
  }, { fallback: recording });
  assert.deepEqual(seen, ["完成", "500萬"]);
  // A provider failure.
  seen.length = 0;
  await withFake(() => errorResponse(500), async ({ engine }) => {
    await engine.turn(input());
  }, { fallback: recording, maxRetries: 0 });
  assert.deepEqual(seen, [input().message]);
});
