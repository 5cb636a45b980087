/**
 * Per-user rate limits (contract §11): counted in the database inside the request's own
 * transaction, reported in `X-RateLimit-*` headers, refused with 429 + `Retry-After`, and a
 * refused request stores nothing.
 */
import assert from "node:assert/strict";
import { newSession, uploadFile } from "../support/chat.ts";
import { createHarness, type Harness, type TestUser, testUser } from "../support/harness.ts";

function send(harness: Harness, user: TestUser, path: string, body?: unknown) {
  return harness.fetch(`/api${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: user.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function rateHeaders(response: Response) {
  return {
    limit: response.headers.get("X-RateLimit-Limit"),
    remaining: response.headers.get("X-RateLimit-Remaining"),
    reset: Number(response.headers.get("X-RateLimit-Reset")),
  };
}

Deno.test("every authenticated response carries the tightest limit's headers", async () => {
  const harness = await createHarness({
    RATE_LIMIT_REQUESTS_PER_MINUTE: "50",
    RATE_LIMIT_MESSAGES_PER_MINUTE: "5",
  });
  const user = await testUser();
  const first = await send(harness, user, "/auth/me");
  assert.equal(first.status, 200);
  await first.body?.cancel();
  assert.deepEqual({ ...rateHeaders(first), reset: 0 }, { limit: "50", remaining: "49", reset: 0 });
  assert.ok(rateHeaders(first).reset >= 1 && rateHeaders(first).reset <= 60);

  const sessionId = await newSession(harness, user); // request 2
  // A message counts against both limits; the message limit (5) is the tighter one.
  const message = await send(harness, user, "/chatbot/message", {
    session_id: sessionId,
    message: "電子業",
  });
  assert.equal(message.status, 200);
  await message.body?.cancel();
  assert.equal(rateHeaders(message).limit, "5");
  assert.equal(rateHeaders(message).remaining, "4");

  // So does a streamed one.
  const streamed = await harness.fetch("/api/chatbot/message", {
    method: "POST",
    headers: { ...user.headers, Accept: "text/event-stream" },
    body: JSON.stringify({ session_id: sessionId, message: "500萬" }),
  });
  assert.match(streamed.headers.get("Content-Type") ?? "", /text\/event-stream/);
  await streamed.body?.cancel();
  assert.equal(rateHeaders(streamed).limit, "5");
  assert.equal(rateHeaders(streamed).remaining, "3");

  // An error response of a counted request carries them too.
  const missing = await send(harness, user, "/chatbot/data/2147483000");
  assert.equal(missing.status, 404);
  await missing.body?.cancel();
  assert.deepEqual(rateHeaders(missing).limit, "50");
  assert.deepEqual(rateHeaders(missing).remaining, "45");
  // Health is not an authenticated request.
  const health = await harness.fetch("/api/chatbot/health");
  await health.body?.cancel();
  assert.equal(health.headers.get("X-RateLimit-Limit"), null);
});

Deno.test("over the message limit: 429 with Retry-After, and nothing of it is stored", async () => {
  const harness = await createHarness({ RATE_LIMIT_MESSAGES_PER_MINUTE: "3" });
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  for (const message of ["電子業", "500萬", "10"]) {
    const ok = await send(harness, user, "/chatbot/message", { session_id: sessionId, message });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  }
  const refused = await send(harness, user, "/chatbot/message", {
    session_id: sessionId,
    message: "5",
  });
  assert.equal(refused.status, 429);
  assert.deepEqual(await refused.json(), { detail: "Too many requests" });
  const retryAfter = Number(refused.headers.get("Retry-After"));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(refused.headers.get("X-RateLimit-Limit"), "3");
  assert.equal(refused.headers.get("X-RateLimit-Remaining"), "0");

  // Only the welcome and three turns are stored; the refused message is not.
  const messages = await send(harness, user, `/chatbot/sessions/${sessionId}/messages`);
  assert.equal((await messages.json()).length, 1 + 3 * 2);
  // Other requests are still allowed: only the message limit was reached.
  const me = await send(harness, user, "/auth/me");
  assert.equal(me.status, 200);
  await me.body?.cancel();
  // Another user is not affected.
  const other = await testUser();
  const otherSession = await newSession(harness, other);
  const theirs = await send(harness, other, "/chatbot/message", {
    session_id: otherSession,
    message: "電子業",
  });
  assert.equal(theirs.status, 200);
  await theirs.body?.cancel();
});

Deno.test("the request limit counts every authenticated request; 0 turns a limit off", async () => {
  const limited = await createHarness({ RATE_LIMIT_REQUESTS_PER_MINUTE: "4" });
  const user = await testUser();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await send(limited, user, i % 2 ? "/chatbot/sessions" : "/auth/me");
    statuses.push(response.status);
    await response.body?.cancel();
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);

  const unlimited = await createHarness({
    RATE_LIMIT_REQUESTS_PER_MINUTE: "0",
    RATE_LIMIT_MESSAGES_PER_MINUTE: "0",
    RATE_LIMIT_UPLOADS_PER_HOUR: "0",
  });
  const free = await send(unlimited, user, "/auth/me");
  assert.equal(free.status, 200);
  await free.body?.cancel();
  assert.equal(free.headers.get("X-RateLimit-Limit"), null);
});

Deno.test("a request refused after admission still counts, its work undone", async () => {
  const harness = await createHarness({ RATE_LIMIT_REQUESTS_PER_MINUTE: "3" });
  const user = await testUser();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const missing = await send(harness, user, "/chatbot/message", {
      session_id: 2147483000,
      message: "電子業",
    });
    statuses.push(missing.status);
    await missing.body?.cancel();
  }
  // Three 404s used the minute's three requests: the fourth request is refused.
  const me = await send(harness, user, "/auth/me");
  statuses.push(me.status);
  await me.body?.cancel();
  assert.deepEqual(statuses, [404, 404, 404, 429]);
  const [row] = await harness.db.sql`
    select count(*)::int as n from onboarding.request_events
    where external_user_id = ${user.userId}`;
  assert.equal(row.n, 3, "the 404s are counted, the 429 is not");
});

// The upload route refuses a missing session inside its transaction (`lockActiveSession`
// throws), so only a rollback to the admission savepoint keeps the count: this fails when the
// savepoint is not in the transaction (e.g. sent before its BEGIN).
Deno.test("an upload refused inside its transaction still counts, its work undone", async () => {
  const harness = await createHarness({ RATE_LIMIT_UPLOADS_PER_HOUR: "2" });
  const user = await testUser();
  const statuses: number[] = [];
  for (const name of ["a.txt", "b.txt", "c.txt"]) {
    const response = await uploadFile(
      harness,
      user,
      new File(["行業別：電子業"], name),
      2147483000,
    );
    statuses.push(response.status);
    await response.body?.cancel();
  }
  assert.deepEqual(statuses, [404, 404, 429]);
  const [counted] = await harness.db.sql`
    select count(*)::int as n from onboarding.request_events
    where external_user_id = ${user.userId} and kind = 'upload'`;
  assert.equal(counted.n, 2, "the 404s are counted, the 429 is not");
  const uploads = await harness.db.sql`
    select 1 from onboarding.uploads where external_user_id = ${user.userId}`;
  assert.equal(uploads.length, 0);
});

Deno.test("over the upload limit: 429 before the file is stored", async () => {
  const harness = await createHarness({ RATE_LIMIT_UPLOADS_PER_HOUR: "1" });
  const user = await testUser();
  const upload = (name: string) =>
    uploadFile(harness, user, new File(["行業別：電子業\n資本額：500萬"], name));
  const first = await upload("a.txt");
  assert.equal(first.status, 200);
  assert.equal(first.headers.get("X-RateLimit-Limit"), "1");
  assert.equal(first.headers.get("X-RateLimit-Remaining"), "0");
  await first.body?.cancel();
  const second = await upload("b.txt");
  assert.equal(second.status, 429);
  const reset = Number(second.headers.get("Retry-After"));
  assert.ok(reset > 60 && reset <= 3600, `Retry-After ${reset}`);
  await second.body?.cancel();
  const rows = await harness.db.sql`
    select filename from onboarding.uploads where external_user_id = ${user.userId}`;
  assert.deepEqual(rows.map((r) => r.filename), ["a.txt"]);
});

Deno.test("CORS exposes the rate-limit headers and allows Idempotency-Key", async () => {
  const harness = await createHarness();
  const preflight = await harness.fetch("/api/chatbot/message", {
    method: "OPTIONS",
    headers: {
      Origin: "https://app.example.com",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
    },
  });
  assert.match(preflight.headers.get("Access-Control-Allow-Headers") ?? "", /Idempotency-Key/i);
  const user = await testUser();
  const response = await harness.fetch("/api/auth/me", {
    headers: { ...user.headers, Origin: "https://app.example.com" },
  });
  await response.body?.cancel();
  const exposed = (response.headers.get("Access-Control-Expose-Headers") ?? "").split(/,\s*/);
  for (
    const header of [
      "X-Request-Id",
      "X-RateLimit-Limit",
      "X-RateLimit-Remaining",
      "X-RateLimit-Reset",
      "Retry-After",
    ]
  ) {
    assert.ok(exposed.includes(header), `${header} exposed: ${exposed}`);
  }
});
