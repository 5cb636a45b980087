import assert from "node:assert/strict";
import {
  call,
  completeExample,
  EXAMPLE_CONVERSATION,
  EXAMPLE_EXPORT,
  newSession,
  say,
} from "../support/chat.ts";
import { createHarness, testUser } from "../support/harness.ts";

const harness = await createHarness();
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

Deno.test("a full conversation ends in the contract's export, character for character", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const replies = [];
  for (const message of EXAMPLE_CONVERSATION) {
    replies.push(await say(harness, user, sessionId, message));
  }
  assert.equal(replies.at(-2).completed, false, "the summary asks for confirmation first");
  const last = replies.at(-1);
  assert.equal(last.completed, true);
  assert.equal(last.session_id, sessionId);
  assert.deepEqual(last.progress, {
    industry: true,
    capital_amount: true,
    patents: true,
    certifications: true,
    products: true,
    fields_completed: 6,
    total_fields: 6,
    company_info_complete: true,
    products_count: 1,
  });

  const exported = await call(harness, user, "GET", `/export/${sessionId}`);
  assert.equal(exported.status, 200);
  assert.deepEqual(exported.body, EXAMPLE_EXPORT);
  assert.deepEqual(Object.keys(exported.body), Object.keys(EXAMPLE_EXPORT));
  assert.deepEqual(Object.keys(exported.body["產品"][0]), Object.keys(EXAMPLE_EXPORT["產品"][0]));

  const data = await call(harness, user, "GET", `/data/${sessionId}`);
  assert.equal(data.status, 200);
  assert.equal(data.body.chat_session_id, sessionId);
  assert.equal(data.body.capital_amount, 5000000);
  assert.equal(data.body.esg_certification, true);
  assert.equal(data.body.esg_certification_count, 2);
  assert.deepEqual(data.body.esg_certifications, ["ISO 14064", "ISO 14067"]);
  assert.match(data.body.created_at, RFC3339);
  assert.equal(data.body.products.length, 1);
  assert.equal(data.body.products[0].onboarding_id, data.body.id);
  assert.match(data.body.products[0].created_at, RFC3339);

  const sessions = await call(harness, user, "GET", "/sessions");
  assert.equal(sessions.body[0].id, sessionId);
  assert.equal(sessions.body[0].status, "completed");
  assert.match(sessions.body[0].completed_at, RFC3339);

  const history = await call(harness, user, "GET", `/sessions/${sessionId}/messages`);
  assert.equal(history.body.length, 1 + 2 * EXAMPLE_CONVERSATION.length);
  assert.deepEqual(
    history.body.slice(1).filter((m: { role: string }) => m.role === "user").map((
      m: { content: string },
    ) => m.content),
    EXAMPLE_CONVERSATION,
  );
  assert.equal(history.body[0].role, "assistant");
});

Deno.test("a completed session answers 409 and is no longer the latest", async () => {
  const user = await testUser();
  const { sessionId } = await completeExample(harness, user);
  const refused = await call(harness, user, "POST", "/message", {
    session_id: sessionId,
    message: "還要",
  });
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body, { detail: "Chat session already completed" });
  assert.deepEqual((await call(harness, user, "GET", "/sessions/latest")).body, {
    session_id: null,
  });
});

Deno.test("another user's session is not found on every endpoint", async () => {
  const owner = await testUser();
  const intruder = await testUser();
  const { sessionId } = await completeExample(harness, owner);
  const active = await newSession(harness, owner);
  const notFound = { detail: "Chat session not found" };
  for (const id of [sessionId, active]) {
    for (const path of [`/sessions/${id}/messages`, `/data/${id}`, `/export/${id}`]) {
      const response = await call(harness, intruder, "GET", path);
      assert.equal(response.status, 404, path);
      assert.deepEqual(response.body, notFound);
    }
    const message = await call(harness, intruder, "POST", "/message", {
      session_id: id,
      message: "資本額改成1元",
    });
    assert.equal(message.status, 404);
    assert.deepEqual(message.body, notFound);
  }
  assert.deepEqual((await call(harness, intruder, "GET", "/sessions")).body, []);
  assert.deepEqual((await call(harness, intruder, "GET", "/export/all")).body, []);
  assert.deepEqual((await call(harness, intruder, "GET", "/data/current")).body, {
    has_data: false,
    data: null,
  });
  // And nothing of the owner's changed.
  assert.deepEqual(
    (await call(harness, owner, "GET", `/export/${sessionId}`)).body,
    EXAMPLE_EXPORT,
  );
});

Deno.test("invalid message bodies are 400 with a readable detail; nothing is stored", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const bad: [string, RegExp][] = [
    ["not json", /valid JSON/],
    [JSON.stringify({ session_id: sessionId }), /message/],
    [JSON.stringify({ message: "hi" }), /session_id/],
    [JSON.stringify({ message: "   ", session_id: sessionId }), /message/],
    [JSON.stringify({ message: "x".repeat(4001), session_id: sessionId }), /4000/],
    [JSON.stringify({ message: 42, session_id: sessionId }), /message/],
    [JSON.stringify({ message: "hi", session_id: "1" }), /session_id/],
    [JSON.stringify({ message: "hi", session_id: 1.5 }), /session_id/],
    [JSON.stringify([1, 2]), /Invalid request/],
  ];
  for (const [body, detail] of bad) {
    const response = await harness.fetch("/api/chatbot/message", {
      method: "POST",
      headers: user.headers,
      body,
    });
    assert.equal(response.status, 400, body.slice(0, 40));
    const json = await response.json();
    assert.equal(typeof json.detail, "string");
    assert.match(json.detail, detail);
  }
  const history = await call(harness, user, "GET", `/sessions/${sessionId}/messages`);
  assert.equal(history.body.length, 1, "only the welcome");
  const unknown = await call(harness, user, "POST", "/message", {
    session_id: 2147483000,
    message: "hi",
  });
  assert.equal(unknown.status, 404);
  for (const path of ["/data/abc", "/export/0", "/sessions/99999999999/messages"]) {
    assert.equal((await call(harness, user, "GET", path)).status, 404, path);
  }
});

Deno.test("concurrent messages on one session are all stored and answered in turn", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const messages = Array.from({ length: 10 }, (_, i) => `資本額改成${i + 1}00萬`);
  const responses = await Promise.all(
    messages.map((message) =>
      call(harness, user, "POST", "/message", { session_id: sessionId, message })
    ),
  );
  assert.deepEqual(responses.map((r) => r.status), Array(10).fill(200));
  const history = (await call(harness, user, "GET", `/sessions/${sessionId}/messages`)).body;
  assert.equal(history.length, 21);
  // Each user message is directly followed by its own reply: the turns did not interleave.
  for (let i = 1; i < history.length; i += 2) {
    assert.equal(history[i].role, "user");
    assert.equal(history[i + 1].role, "assistant");
  }
  const lastCapital = history.at(-2).content.match(/([0-9]+)00萬/)[1];
  const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
  assert.equal(data.capital_amount, Number(lastCapital) * 1_000_000);
});

Deno.test("export/all lists only completed sessions, newest first", async () => {
  const user = await testUser();
  assert.deepEqual((await call(harness, user, "GET", "/export/all")).body, []);
  const first = await completeExample(harness, user);
  const second = await newSession(harness, user);
  await say(harness, user, second, "資本額改成600萬");
  await say(harness, user, second, "沒有了");
  await say(harness, user, second, "確認");
  await newSession(harness, user); // active, not exported
  const all = (await call(harness, user, "GET", "/export/all")).body;
  assert.equal(all.length, 2);
  assert.equal(all[0]["資本總額（以臺幣為單位）"], 6000000);
  assert.deepEqual(all[1], EXAMPLE_EXPORT);
  assert.ok(first.sessionId < second);
});

Deno.test("a new session copies the latest data and says so", async () => {
  const user = await testUser();
  const empty = await call(harness, user, "POST", "/sessions/new");
  assert.equal(empty.body.company_info_copied, false);
  assert.equal(empty.body.completed, false);
  assert.equal(empty.body.progress.fields_completed, 0);
  assert.match(empty.body.message, /上傳/);

  await completeExample(harness, user);
  const current = (await call(harness, user, "GET", "/data/current")).body;
  assert.equal(current.has_data, true);
  assert.equal(current.data.industry, "電子業");

  const copied = await call(harness, user, "POST", "/sessions/new");
  assert.equal(copied.body.company_info_copied, true);
  assert.equal(copied.body.progress.fields_completed, 6);
  assert.equal(copied.body.progress.products_count, 1);
  assert.match(copied.body.message, /電子業/);
  assert.doesNotMatch(copied.body.message, /請問貴公司所屬的產業別/);
  const data = (await call(harness, user, "GET", `/data/${copied.body.session_id}`)).body;
  assert.equal(data.capital_amount, 5000000);
  assert.equal(data.products[0].product_name, "智能晶片");
  const latest = (await call(harness, user, "GET", "/sessions/latest")).body;
  assert.equal(latest.session_id, copied.body.session_id);
  assert.equal(latest.status, "active");
});

Deno.test("sessions are paginated", async () => {
  const user = await testUser();
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await newSession(harness, user));
  const page = (await call(harness, user, "GET", "/sessions?limit=2&offset=1")).body;
  assert.deepEqual(page.map((s: { id: number }) => s.id), [ids[1], ids[0]]);
  assert.equal((await call(harness, user, "GET", "/sessions?limit=0")).status, 400);
  assert.equal((await call(harness, user, "GET", "/sessions?limit=abc")).status, 400);
  assert.equal((await call(harness, user, "GET", "/sessions?limit=501")).status, 400);
});
