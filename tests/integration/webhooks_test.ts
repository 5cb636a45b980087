/**
 * Completion webhooks (contract §10) against a local receiver that verifies every request with
 * the `standardwebhooks` package: the event is written with the completion and sent after
 * commit, retried on the schedule through refusals, errors and timeouts with the same
 * `webhook-id`, failed after its last attempt and retried by an admin; a completion that rolls
 * back sends nothing.
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { webhookReceiver } from "../../examples/webhook_receiver.ts";
import { startWebhookTimer } from "../../scripts/lib/webhook_timer.ts";
import { EXAMPLE_CONVERSATION, EXAMPLE_EXPORT, newSession, say } from "../support/chat.ts";
import { uniqueUserId } from "../support/database.ts";
import {
  adminHeaders,
  createHarness,
  type Harness,
  type TestUser,
  testUser,
} from "../support/harness.ts";

const SECRET = `whsec_${btoa("a-test-signing-key-of-32-bytes!!")}`;
const INTERNAL_SECRET = "internal-secret-for-the-scheduler-0123456789";

/** What the receiver does with the next requests. */
type Mode = "ok" | "error" | "hang";

/** A local webhook receiver on a fixed port, which can be stopped (refusing) and restarted. */
class Receiver {
  mode: Mode = "ok";
  /** Every request that verified: its id and body. */
  readonly received: { id: string; body: Record<string, unknown>; raw: string }[] = [];
  /** Requests whose signature did not verify. */
  unverified = 0;
  #server: Deno.HttpServer | undefined;
  #port = 0;

  get url() {
    return `http://127.0.0.1:${this.#port}/hooks/onboarding`;
  }

  start() {
    const verifier = new Webhook(SECRET);
    this.#server = Deno.serve(
      { port: this.#port, hostname: "127.0.0.1", onListen: () => {} },
      async (request) => {
        const raw = await request.text();
        try {
          verifier.verify(raw, Object.fromEntries(request.headers));
        } catch {
          this.unverified++;
          return new Response("bad signature", { status: 400 });
        }
        if (this.mode === "hang") await new Promise((resolve) => setTimeout(resolve, 1_500));
        if (this.mode !== "ok") return new Response("down", { status: 500 });
        this.received.push({ id: request.headers.get("webhook-id")!, body: JSON.parse(raw), raw });
        return new Response(null, { status: 204 });
      },
    );
    this.#port = (this.#server.addr as Deno.NetAddr).port;
  }

  async stop() {
    await this.#server?.shutdown();
    this.#server = undefined;
  }
}

const receiver = new Receiver();
receiver.start();

const harness = await createHarness({
  WEBHOOK_URL: receiver.url,
  WEBHOOK_SECRET: SECRET,
  WEBHOOK_RETRY_MIN_SECONDS: "0",
  WEBHOOK_TIMEOUT_MS: "300",
  INTERNAL_SECRET,
});

/** Calls the scheduler's route, as pg_cron would. */
async function deliverDue(h: Harness = harness, secret = INTERNAL_SECRET) {
  const response = await h.fetch("/api/chatbot/internal/deliver-webhooks", {
    method: "POST",
    headers: { Authorization: `Bearer ${secret}` },
  });
  return { status: response.status, body: await response.json() };
}

/** The events of `sessionId`, as admins see them. */
async function eventsOf(sessionId: number) {
  const page = await (await harness.fetch("/api/admin/webhooks?limit=200", {
    headers: await adminHeaders(),
  })).json();
  return page.items.filter((e: { session_id: number }) => e.session_id === sessionId);
}

/**
 * How many attempts of `sessionId`'s event are recorded: an attempt is counted on the event when
 * it starts (`attempts`), and recorded here once the receiver answered or did not.
 */
async function recordedAttempts(sessionId: number): Promise<number> {
  const [{ count }] = await harness.db.sql`
    select count(*)::int from onboarding.webhook_attempts a
    join onboarding.webhook_events e on e.id = a.event_id
    where e.session_id = ${sessionId}`;
  return count;
}

/** Waits (up to 5 s) until `check` holds. */
async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Runs the example conversation but its last message; returns the session. */
async function almostComplete(user: TestUser): Promise<number> {
  const sessionId = await newSession(harness, user);
  for (const message of EXAMPLE_CONVERSATION.slice(0, -1)) {
    await say(harness, user, sessionId, message);
  }
  return sessionId;
}

async function complete(user: TestUser, sessionId: number) {
  const last = await say(harness, user, sessionId, EXAMPLE_CONVERSATION.at(-1)!);
  assert.equal(last.completed, true);
}

function receivedFor(sessionId: number) {
  return receiver.received.filter((r) =>
    (r.body.data as { session_id: number }).session_id === sessionId
  );
}

Deno.test("a completion is delivered once, signed, with the exact export", async () => {
  const user = await testUser(uniqueUserId("hook"), "王小明");
  const sessionId = await almostComplete(user);
  assert.deepEqual(await eventsOf(sessionId), []);
  await complete(user, sessionId);
  await eventually(() => receivedFor(sessionId).length === 1, "the first attempt");
  const [{ id, body, raw }] = receivedFor(sessionId);
  assert.match(id, /^msg_[0-9a-f]{32}$/);
  const exported = await (await harness.fetch(`/api/chatbot/export/${sessionId}`, {
    headers: user.headers,
  })).json();
  assert.deepEqual(exported, EXAMPLE_EXPORT);
  const data = body.data as Record<string, unknown>;
  assert.equal(body.type, "onboarding.completed");
  assert.deepEqual(data.export, exported);
  // Key for key in the contract's order, as GET /export sends it.
  assert.ok(raw.includes(`"export":${JSON.stringify(exported)}`));
  assert.equal(data.external_user_id, user.userId);
  assert.equal(data.username, "王小明");
  assert.equal(data.session_id, sessionId);
  const [session] = await harness.db.sql`select completed_at from onboarding.chat_sessions
    where id = ${sessionId}`;
  assert.equal(data.completed_at, session.completed_at.toISOString());
  assert.equal(body.timestamp, data.completed_at);
  // Recorded as delivered after one attempt; the schedule sends nothing more.
  await eventually(async () => (await eventsOf(sessionId))[0]?.status === "delivered", "record");
  const [event] = await eventsOf(sessionId);
  assert.deepEqual(
    [event.id, event.attempts, event.last_status_code, event.next_attempt_at, event.last_error],
    [id, 1, 204, null, null],
  );
  assert.equal((await deliverDue()).status, 200);
  assert.equal(receivedFor(sessionId).length, 1);
  assert.equal(receiver.unverified, 0);
});

Deno.test("a receiver that refuses, fails or hangs gets the event later, with the same id", async () => {
  const user = await testUser();
  const sessionId = await almostComplete(user);
  receiver.mode = "error";
  await complete(user, sessionId);
  await eventually(async () => await recordedAttempts(sessionId) === 1, "attempt 1");
  let [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.last_status_code], ["pending", 500]);
  assert.equal(event.last_error, "the receiver answered 500");

  receiver.mode = "hang";
  const timedOut = await deliverDue();
  assert.equal(timedOut.status, 200);
  assert.ok(timedOut.body.retrying >= 1);
  [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.attempts], ["pending", 2]);
  assert.equal(event.last_error, "no answer within 300 ms");
  assert.equal(event.last_status_code, null);

  await receiver.stop();
  await deliverDue();
  [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.attempts], ["pending", 3]);
  assert.match(event.last_error, /^no answer: /);

  receiver.mode = "ok";
  receiver.start();
  const delivered = await deliverDue();
  assert.ok(delivered.body.delivered >= 1);
  [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.attempts], ["delivered", 4]);
  const got = receivedFor(sessionId);
  assert.equal(got.length, 1);
  assert.equal(got[0].id, event.id);
  // Every attempt is recorded.
  const attempts = await harness.db.sql`select attempt, status_code from onboarding.webhook_attempts
    where event_id = ${event.id} order by id`;
  assert.deepEqual(attempts.map((a) => [a.attempt, a.status_code]), [
    [1, 500],
    [2, null],
    [3, null],
    [4, 204],
  ]);
});

Deno.test("after its last attempt an event is failed, logged, listed, and an admin retries it", async () => {
  const user = await testUser();
  const sessionId = await almostComplete(user);
  receiver.mode = "error";
  await complete(user, sessionId);
  await eventually(async () => await recordedAttempts(sessionId) === 1, "attempt 1");
  for (let i = 2; i <= 12; i++) await deliverDue();
  let [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.attempts, event.next_attempt_at], ["failed", 12, null]);
  assert.equal((await deliverDue()).body.attempted, 0);
  const headers = await adminHeaders();
  const failed = await (await harness.fetch("/api/admin/webhooks?status=failed&limit=200", {
    headers,
  })).json();
  assert.ok(failed.items.some((e: { id: string }) => e.id === event.id));
  const log = await (await harness.fetch(`/api/admin/activity?external_user_id=${user.userId}`, {
    headers,
  })).json();
  assert.deepEqual(
    [log.items[0].action, log.items[0].actor, log.items[0].session_id, log.items[0].detail],
    ["webhook.failed", "system", sessionId, {
      webhook_id: event.id,
      attempts: 12,
      last_error: "the receiver answered 500",
    }],
  );

  receiver.mode = "ok";
  const retried = await harness.fetch(`/api/admin/webhooks/${event.id}/retry`, {
    method: "POST",
    headers,
  });
  assert.equal(retried.status, 200);
  const pending = await retried.json();
  assert.deepEqual([pending.status, pending.attempts], ["pending", 0]);
  await eventually(() => receivedFor(sessionId).length === 1, "the retried attempt");
  assert.equal(receivedFor(sessionId)[0].id, event.id);
  await eventually(async () => (await eventsOf(sessionId))[0]?.status === "delivered", "record");
  [event] = await eventsOf(sessionId);
  assert.equal(event.attempts, 1);
  // Refusals: a user's token, an unknown or malformed id.
  const refused = await harness.fetch(`/api/admin/webhooks/${event.id}/retry`, {
    method: "POST",
    headers: user.headers,
  });
  assert.equal(refused.status, 403);
  for (const id of [`msg_${"0".repeat(32)}`, "nope"]) {
    const missing = await harness.fetch(`/api/admin/webhooks/${id}/retry`, {
      method: "POST",
      headers,
    });
    assert.equal(missing.status, 404, id);
  }
  assert.equal(
    (await harness.fetch("/api/admin/webhooks?status=lost", { headers })).status,
    400,
  );
});

Deno.test("a completion that rolls back writes and sends nothing", async () => {
  const user = await testUser();
  const sessionId = await almostComplete(user);
  receiver.mode = "ok";
  // The completion's transaction fails at its last statement: a real rollback.
  const trigger = `refuse_completion_${sessionId}`;
  await harness.db.sql.unsafe(`
    create function onboarding.${trigger}() returns trigger language plpgsql as $$
    begin raise exception 'injected failure'; end $$;
    create trigger ${trigger} before update on onboarding.chat_sessions for each row
      when (new.id = ${sessionId} and new.status = 'completed')
      execute function onboarding.${trigger}();`);
  try {
    const failed = await harness.fetch("/api/chatbot/message", {
      method: "POST",
      headers: { ...user.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId, message: EXAMPLE_CONVERSATION.at(-1) }),
    });
    assert.equal(failed.status, 500);
  } finally {
    await harness.db.sql.unsafe(`drop trigger ${trigger} on onboarding.chat_sessions;
      drop function onboarding.${trigger}();`);
  }
  const [{ count }] = await harness.db.sql`select count(*)::int from onboarding.webhook_events
    where session_id = ${sessionId}`;
  assert.equal(count, 0);
  await deliverDue();
  assert.equal(receivedFor(sessionId).length, 0);
  // Completed for real: one event, one delivery.
  await complete(user, sessionId);
  await eventually(() => receivedFor(sessionId).length === 1, "the delivery");
  assert.equal((await eventsOf(sessionId)).length, 1);
});

Deno.test("the scheduler's route needs INTERNAL_SECRET, and is absent without one", async () => {
  for (const secret of ["wrong", ""]) {
    const refused = await deliverDue(harness, secret);
    assert.equal(refused.status, 401);
  }
  const plain = await createHarness();
  assert.equal((await deliverDue(plain)).status, 404);
});

Deno.test("without WEBHOOK_URL a completion queues nothing", async () => {
  const plain = await createHarness();
  const user = await testUser();
  const sessionId = await newSession(plain, user);
  for (const message of EXAMPLE_CONVERSATION) await say(plain, user, sessionId, message);
  const [{ count }] = await plain.db.sql`select count(*)::int from onboarding.webhook_events
    where session_id = ${sessionId}`;
  assert.equal(count, 0);
});

Deno.test("row-level security: users cannot read events, nor add one for another user", async () => {
  const { asUser } = await import("../../shared/db/as_user.ts");
  const user = await testUser();
  const sessionId = await almostComplete(user);
  const claims = { externalUserId: user.userId, username: "u", role: "user" as const };
  const seen = await asUser(
    harness.db.sql,
    claims,
    (tx) => tx`select id from onboarding.webhook_events`,
  );
  assert.equal(seen.length, 0);
  const other = uniqueUserId("other");
  await assert.rejects(
    asUser(harness.db.sql, claims, (tx) =>
      tx`insert into onboarding.webhook_events
           (id, event_type, external_user_id, session_id, username, completed_at, export)
         values (${`msg_${"1".repeat(32)}`}, 'onboarding.completed', ${other}, ${sessionId},
                 'x', now(), '{}')`),
    /row-level security/,
  );
  // Nor make one due: an update finds no row it may change.
  const changed = await asUser(
    harness.db.sql,
    claims,
    (tx) => tx`update onboarding.webhook_events set next_attempt_at = now() returning id`,
  );
  assert.equal(changed.length, 0);
});

globalThis.addEventListener("unload", () => receiver.stop());

Deno.test("the example receiver takes a real delivery once, and refuses a forged one", async () => {
  const events: { id: string; userId: string; export: unknown }[] = [];
  const receive = webhookReceiver(
    SECRET,
    (event, id) =>
      events.push({ id, userId: event.data.external_user_id, export: event.data.export }),
  );
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, receive);
  try {
    const url = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}/`;
    const h = await createHarness({ WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET });
    const user = await testUser();
    const sessionId = await newSession(h, user);
    for (const message of EXAMPLE_CONVERSATION) await say(h, user, sessionId, message);
    await eventually(() => events.length === 1, "the example receiver's event");
    assert.deepEqual([events[0].userId, events[0].export], [user.userId, EXAMPLE_EXPORT]);
    // The same event again (an admin's retry of a delivered one): accepted, handled once.
    const [event] = await h.db.sql`select id from onboarding.webhook_events
      where session_id = ${sessionId}`;
    const retried = await h.fetch(`/api/admin/webhooks/${event.id}/retry`, {
      method: "POST",
      headers: await adminHeaders(),
    });
    assert.equal(retried.status, 200);
    await eventually(async () => {
      const [row] = await h.db.sql`select status from onboarding.webhook_events
        where id = ${event.id}`;
      return row.status === "delivered";
    }, "the second delivery");
    assert.equal(events.length, 1);
    // A forged request: refused, not handled.
    const forged = await fetch(url, {
      method: "POST",
      headers: {
        "webhook-id": event.id,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      },
      body: "{}",
    });
    assert.equal(forged.status, 401);
    await forged.body?.cancel();
    assert.equal(events.length, 1);
  } finally {
    await server.shutdown();
  }
});

Deno.test("the dev server's timer sends what is due", async () => {
  const user = await testUser();
  const sessionId = await almostComplete(user);
  receiver.mode = "error";
  await complete(user, sessionId);
  await eventually(async () => await recordedAttempts(sessionId) === 1, "attempt 1");
  receiver.mode = "ok";
  const timer = startWebhookTimer(harness.db.sql, harness.deps.config.webhook!, 100);
  try {
    await eventually(() => receivedFor(sessionId).length === 1, "the timer's delivery");
  } finally {
    timer.stop();
  }
  const [event] = await eventsOf(sessionId);
  assert.deepEqual([event.status, event.attempts], ["delivered", 2]);
});
