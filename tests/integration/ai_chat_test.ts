/**
 * AI mode through the real HTTP route: the real `openai` SDK talks to a local
 * OpenAI-compatible server whose answers each test scripts.
 */
import assert from "node:assert/strict";
import { call, completeExample, EXAMPLE_EXPORT, newSession, say } from "../support/chat.ts";
import { errorResponse, startFakeOpenAI, structured } from "../support/fake_openai.ts";
import { createHarness, testUser } from "../support/harness.ts";
import { result } from "../unit/ai/helpers.ts";

Deno.test("a provider that always fails still gives the rule-mode conversation and export", async () => {
  const fake = await startFakeOpenAI(() => errorResponse(500));
  try {
    const harness = await createHarness({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: "test-model",
    });
    const user = await testUser();
    const { sessionId, last } = await completeExample(harness, user);
    assert.equal(last.completed, true);
    assert.deepEqual(
      (await call(harness, user, "GET", `/export/${sessionId}`)).body,
      EXAMPLE_EXPORT,
    );
    assert.ok(fake.requests.length > 0, "the model was asked");
    assert.ok(fake.requests.every((r) => r.body.model === "test-model"));
  } finally {
    await fake.close();
  }
});

Deno.test("the model's reading is validated and stored, its text kept in the reply", async () => {
  const fake = await startFakeOpenAI(() =>
    structured(result({
      company: { industry: "電子業", capital_amount: "300萬" },
      reply: "了解，感謝您的說明！",
    }))
  );
  try {
    const harness = await createHarness({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
    });
    const user = await testUser();
    const sessionId = await newSession(harness, user);
    const reply = await say(harness, user, sessionId, "我們公司做電子零件，資本額大概三百萬");
    assert.match(reply.message, /了解，感謝您的說明！/);
    assert.equal(reply.progress.fields_completed, 2);
    const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
    assert.equal(data.industry, "電子業");
    assert.equal(data.capital_amount, 3_000_000);
    // The collected data went to the model outside the system prompt.
    const messages = fake.requests[0].body.messages as { role: string; content: string }[];
    assert.equal(messages[0].role, "system");
    assert.ok(messages.slice(1).some((m) => m.role === "user" && m.content.includes("三百萬")));
  } finally {
    await fake.close();
  }
});
