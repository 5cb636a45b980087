/**
 * `Idempotency-Key` (contract §11) on `POST /sessions/new`, `POST /message` and
 * `POST /upload-file`: a repeat gets the first response without the work being done again,
 * the same key with another request is a 409, a malformed key a 400; concurrent repeats store
 * one turn.
 */
import assert from "node:assert/strict";
import { structured } from "../support/fake_openai.ts";
import { call, newSession } from "../support/chat.ts";
import {
  createAiHarness,
  createHarness,
  type Harness,
  type TestUser,
  testUser,
} from "../support/harness.ts";
import { result } from "../unit/ai/helpers.ts";

function post(
  harness: Harness,
  user: TestUser,
  path: string,
  body: unknown,
  key: string,
  headers: Record<string, string> = {},
) {
  return harness.fetch(`/api/chatbot${path}`, {
    method: "POST",
    headers: { ...user.headers, "Idempotency-Key": key, ...headers },
    body: JSON.stringify(body),
  });
}

async function storedMessages(harness: Harness, user: TestUser, sessionId: number) {
  return (await call(harness, user, "GET", `/sessions/${sessionId}/messages`)).body as {
    role: string;
    content: string;
  }[];
}

Deno.test("a repeated message gets the first response and stores one turn", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const body = { session_id: sessionId, message: "我們是電子業" };
  const first = await post(harness, user, "/message", body, "msg-1");
  assert.equal(first.status, 200);
  assert.equal(first.headers.get("Idempotent-Replayed"), null);
  const firstBody = await first.json();

  const again = await post(harness, user, "/message", body, "msg-1");
  assert.equal(again.status, 200);
  assert.equal(again.headers.get("Idempotent-Replayed"), "true");
  assert.deepEqual(await again.json(), firstBody);
  assert.equal((await storedMessages(harness, user, sessionId)).length, 1 + 2);

  // The same request with its fields in another order is the same request.
  const reordered = await harness.fetch("/api/chatbot/message", {
    method: "POST",
    headers: { ...user.headers, "Idempotency-Key": "msg-1" },
    body: `{"message":"我們是電子業","session_id":${sessionId}}`,
  });
  assert.equal(reordered.status, 200);
  assert.deepEqual(await reordered.json(), firstBody);

  // A new key is a new message.
  const next = await post(harness, user, "/message", { ...body, message: "500萬" }, "msg-2");
  assert.equal(next.status, 200);
  await next.body?.cancel();
  assert.equal((await storedMessages(harness, user, sessionId)).length, 1 + 4);
});

Deno.test("the same key with another request is a 409; a malformed key a 400", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const say = (message: string) =>
    post(harness, user, "/message", { session_id: sessionId, message }, "k");
  const ok = await say("電子業");
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
  const conflict = await say("食品業");
  assert.equal(conflict.status, 409);
  assert.deepEqual(await conflict.json(), {
    detail: "Idempotency-Key was used with a different request",
  });
  // The same key on another endpoint is another request too.
  const elsewhere = await post(harness, user, "/sessions/new", {}, "k");
  assert.equal(elsewhere.status, 409);
  await elsewhere.body?.cancel();
  assert.equal((await storedMessages(harness, user, sessionId)).length, 3);

  let refused = 0;
  for (const bad of ["", "x".repeat(256), "鍵", "tab\there", "bell\x07"]) {
    let response: Response;
    try {
      response = await harness.fetch("/api/chatbot/message", {
        method: "POST",
        headers: [
          ["Authorization", user.headers.Authorization],
          ["Content-Type", "application/json"],
          ["Idempotency-Key", bad],
        ],
        body: JSON.stringify({ session_id: sessionId, message: "電子業" }),
      });
    } catch {
      continue; // a value Fetch itself refuses never reaches a server
    }
    assert.equal(response.status, 400, JSON.stringify(bad));
    assert.match((await response.json()).detail, /Idempotency-Key/);
    refused++;
  }
  assert.ok(refused >= 3, `${refused} malformed keys reached the API`);
  assert.equal((await storedMessages(harness, user, sessionId)).length, 3);
});

Deno.test("keys belong to their user: another user's same key is their own request", async () => {
  const harness = await createHarness();
  const [alice, bob] = [await testUser(), await testUser()];
  const a = await post(harness, alice, "/sessions/new", {}, "shared-key");
  const b = await post(harness, bob, "/sessions/new", {}, "shared-key");
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  assert.equal(b.headers.get("Idempotent-Replayed"), null);
  assert.notEqual((await a.json()).session_id, (await b.json()).session_id);
});

Deno.test("a repeated sessions/new returns the same session and creates no other", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const first = await (await post(harness, user, "/sessions/new", {}, "new-1")).json();
  const again = await post(harness, user, "/sessions/new", {}, "new-1");
  assert.equal(again.headers.get("Idempotent-Replayed"), "true");
  assert.deepEqual(await again.json(), first);
  const sessions = (await call(harness, user, "GET", "/sessions")).body;
  assert.equal(sessions.length, 1);
});

Deno.test("a refused request stores no key: sent again, it is tried again", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const send = () => post(harness, user, "/message", { session_id: 2147483000, message: "x" }, "r");
  const missing = await send();
  assert.equal(missing.status, 404);
  await missing.body?.cancel();
  const again = await send();
  assert.equal(again.status, 404);
  assert.equal(again.headers.get("Idempotent-Replayed"), null);
  await again.body?.cancel();
});

Deno.test("a repeated upload replays the first response and stores the file once", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const upload = () => {
    const form = new FormData();
    form.append("file", new File(["行業別：電子業\n資本額：500萬"], "公司簡介.txt"));
    form.append("session_id", String(sessionId));
    return harness.fetch("/api/chatbot/upload-file", {
      method: "POST",
      headers: { Authorization: user.headers.Authorization, "Idempotency-Key": "upload-1" },
      body: form,
    });
  };
  const first = await upload();
  assert.equal(first.status, 200);
  const firstBody = await first.json();
  const again = await upload();
  assert.equal(again.status, 200);
  assert.equal(again.headers.get("Idempotent-Replayed"), "true");
  assert.deepEqual(await again.json(), firstBody);
  const rows = await harness.db.sql`
    select count(*)::int as n from onboarding.uploads where session_id = ${sessionId}`;
  assert.equal(rows[0].n, 1);
});

Deno.test("concurrent repeats of one message store one turn and answer alike", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const body = { session_id: sessionId, message: "我們是電子業" };
  const responses = await Promise.all(
    Array.from({ length: 5 }, () => post(harness, user, "/message", body, "burst")),
  );
  const bodies = await Promise.all(responses.map((r) => r.json()));
  assert.deepEqual(responses.map((r) => r.status), Array(5).fill(200));
  for (const b of bodies) assert.deepEqual(b, bodies[0]);
  assert.equal((await storedMessages(harness, user, sessionId)).length, 3);
});

Deno.test("AI mode: a retried message stores one turn and a streamed repeat replays as a stream", async () => {
  const { fake, harness } = await createAiHarness(() =>
    structured(result({ company: { industry: "電子業" }, reply: "好的！" }))
  );
  try {
    const user = await testUser();
    const sessionId = await newSession(harness, user);
    const body = { session_id: sessionId, message: "我們是電子業" };
    const [a, b] = await Promise.all([
      post(harness, user, "/message", body, "ai-1"),
      post(harness, user, "/message", body, "ai-1"),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const first = await a.json();
    assert.deepEqual(await b.json(), first);
    assert.equal((await storedMessages(harness, user, sessionId)).length, 3);

    const streamed = await post(harness, user, "/message", body, "ai-1", {
      Accept: "text/event-stream",
    });
    assert.equal(streamed.status, 200);
    assert.match(streamed.headers.get("Content-Type") ?? "", /text\/event-stream/);
    assert.equal(streamed.headers.get("Idempotent-Replayed"), "true");
    const text = await streamed.text();
    const done = /event: done\ndata: (.*)\n/.exec(text);
    assert.ok(done, text);
    assert.deepEqual(JSON.parse(done[1]), first);
    assert.equal((await storedMessages(harness, user, sessionId)).length, 3);
  } finally {
    await fake.close();
  }
});
