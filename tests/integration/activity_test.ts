/**
 * The activity log (contract §9): every action recorded once, by its own transaction, with the
 * request's id; nothing for a refused one; no way for a user to read or change it.
 */
import assert from "node:assert/strict";
import { asUser } from "../../shared/db/as_user.ts";
import { completeExample, newSession, say, uploadFile } from "../support/chat.ts";
import { createHarness, type TestUser, testUser } from "../support/harness.ts";
import { encodeBig5, SAMPLE_TEXT } from "../fixtures/make_fixtures.ts";

const dataDir = await Deno.makeTempDir({ prefix: "onboarding-activity-test-" });
const harness = await createHarness({ DATA_DIR: dataDir });

interface ActivityRow {
  external_user_id: string;
  actor: string;
  action: string;
  session_id: number | null;
  request_id: string | null;
  detail: Record<string, unknown>;
}

async function activity(user: TestUser): Promise<ActivityRow[]> {
  return [
    ...await harness.db.sql<ActivityRow[]>`
    select external_user_id, actor, action, session_id, request_id, detail
    from onboarding.activity_log where external_user_id = ${user.userId} order by id`,
  ];
}

function send(user: TestUser, method: string, path: string, requestId: string, body?: unknown) {
  return harness.fetch(`/api/chatbot${path}`, {
    method,
    headers: { ...user.headers, "X-Request-Id": requestId },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

Deno.test("each action is recorded once, with the caller and the request's id", async () => {
  const user = await testUser();
  const created = await send(user, "POST", "/sessions/new", "act-new");
  assert.equal(created.status, 200);
  const sessionId = (await created.json()).session_id;
  const message = await send(user, "POST", "/message", "act-msg", {
    session_id: sessionId,
    message: "我們是電子業",
  });
  assert.equal(message.status, 200);
  assert.deepEqual(await activity(user), [
    {
      external_user_id: user.userId,
      actor: user.userId,
      action: "session.created",
      session_id: sessionId,
      request_id: "act-new",
      detail: { copied: false, asked: "industry" },
    },
    {
      external_user_id: user.userId,
      actor: user.userId,
      action: "message",
      session_id: sessionId,
      request_id: "act-msg",
      detail: { completed: false, asked: "capital_amount" },
    },
  ]);
});

Deno.test("a completion, exports and an upload are recorded; message text never is", async () => {
  const user = await testUser();
  const { sessionId } = await completeExample(harness, user);
  const afterConversation = await activity(user);
  const actions = afterConversation.map((row) => row.action);
  assert.equal(actions.filter((a) => a === "session.completed").length, 1);
  assert.equal(actions.at(-1), "session.completed");
  assert.deepEqual(afterConversation.at(-2)?.detail, { completed: true });
  assert.doesNotMatch(JSON.stringify(afterConversation), /電子業|晶片/);

  assert.equal((await send(user, "GET", `/export/${sessionId}`, "act-export")).status, 200);
  assert.equal((await send(user, "GET", "/export/all", "act-export-all")).status, 200);
  const file = new File([encodeBig5(SAMPLE_TEXT) as Uint8Array<ArrayBuffer>], "公司簡介.txt");
  const upload = await uploadFile(harness, user, file);
  assert.equal(upload.status, 200);
  const uploadBody = await upload.json();
  const rows = (await activity(user)).slice(afterConversation.length);
  assert.deepEqual(rows.map((row) => [row.action, row.session_id, row.request_id]).slice(0, 2), [
    ["export", sessionId, "act-export"],
    ["export", null, "act-export-all"],
  ]);
  const uploadRow = rows.find((row) => row.action === "upload");
  assert.ok(uploadRow);
  assert.equal(uploadRow.session_id, uploadBody.session_id);
  assert.deepEqual(uploadRow.detail, {
    upload_id: uploadBody.upload_id,
    file_type: "txt",
    size_bytes: encodeBig5(SAMPLE_TEXT).length,
  });
  assert.match(uploadRow.request_id ?? "", /^[0-9a-f-]{36}$/);
});

Deno.test("a refused action records nothing", async () => {
  const user = await testUser();
  const other = await testUser();
  const { sessionId } = await completeExample(harness, user);
  const othersSession = await newSession(harness, other);
  const before = (await activity(user)).length;
  const refused = [
    await send(user, "POST", "/message", "r1", { session_id: sessionId, message: "再一次" }),
    await send(user, "GET", `/export/${othersSession}`, "r2"),
    await send(user, "GET", "/export/999999999", "r3"),
    await send(user, "POST", "/message", "r4", { session_id: othersSession, message: "嗨" }),
  ];
  assert.deepEqual(refused.map((r) => r.status), [409, 404, 404, 404]);
  const unsupported = await uploadFile(harness, user, new File(["\u0000\u0001"], "x.bin"));
  assert.equal(unsupported.status, 400);
  assert.equal((await activity(user)).length, before);
  // The other user's log is theirs alone.
  await say(harness, other, othersSession, "我們是食品業");
  assert.deepEqual((await activity(other)).map((row) => row.actor), [other.userId, other.userId]);
});

Deno.test("users can neither read nor write the log; nobody can change a row", async () => {
  const user = await testUser();
  await newSession(harness, user);
  const claims = { externalUserId: user.userId, username: "x", role: "user" as const };
  const { sql } = harness.db;
  // A user's transaction sees none of it, not even its own rows (admins read it: admin_test.ts).
  const seen = await asUser(sql, claims, (tx) => tx`select * from onboarding.activity_log`);
  assert.equal(seen.length, 0);
  for (
    const statement of [
      "insert into onboarding.activity_log (external_user_id, actor, action) values ('x', 'x', 'message')",
      "update onboarding.activity_log set action = 'message'",
      "delete from onboarding.activity_log",
    ]
  ) {
    await assert.rejects(asUser(sql, claims, (tx) => tx.unsafe(statement)), /permission denied/);
  }
  // Not even a role that row-level security does not bind changes a row: the log is append-only.
  await assert.rejects(
    sql`update onboarding.activity_log set detail = '{}' where external_user_id = ${user.userId}`,
    /append-only/,
  );
  await assert.rejects(
    sql`delete from onboarding.activity_log where external_user_id = ${user.userId}`,
    /append-only/,
  );
  // Without a caller's claims, record_activity records nothing.
  await sql`select onboarding.record_activity('message', null, '{}')`;
  const [{ n }] = await sql`select count(*)::int as n from onboarding.activity_log
    where actor is null or actor = ''`;
  assert.equal(n, 0);
});
