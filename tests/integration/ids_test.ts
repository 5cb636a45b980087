/**
 * IDs that last (issue 9, item 5): a known user's request draws no value from the users id
 * sequence, first requests still cannot race, and the tables that grow with traffic have
 * `bigint` ids that still reach clients as JSON numbers.
 */
import assert from "node:assert/strict";
import { call, newSession, say, uploadFile } from "../support/chat.ts";
import { createHarness, testUser } from "../support/harness.ts";
import { holdTransaction, uniqueUserId } from "../support/database.ts";
import { asUser } from "../../shared/db/as_user.ts";
import { upsertUser } from "../../shared/db/users.ts";

const harness = await createHarness();
const sql = harness.db.sql;

/** The users id sequence's last drawn value (advanced by every `nextval`, even rolled back). */
async function usersSequence(): Promise<number> {
  const [{ value }] = await sql`select last_value as value from onboarding.users_id_seq`;
  return Number(value);
}

Deno.test("repeated requests of a known user leave the users id sequence unchanged", async () => {
  const user = await testUser();
  const first = await harness.fetch("/api/auth/me", { headers: user.headers });
  assert.equal(first.status, 200);
  const { id } = await first.json();
  const before = await usersSequence();
  assert.ok(before >= id);
  for (let i = 0; i < 5; i++) {
    const response = await harness.fetch("/api/auth/me", { headers: user.headers });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).id, id);
  }
  // A route with work of its own after the user sync, too.
  assert.equal((await call(harness, user, "GET", "/sessions")).status, 200);
  assert.equal(await usersSequence(), before);
  // The next new user gets the very next value: nothing was drawn in between.
  const next = await (await harness.fetch("/api/auth/me", {
    headers: (await testUser()).headers,
  })).json();
  assert.equal(next.id, before + 1);
});

Deno.test({
  name: "a first request that loses the insert race gets the winner's row, username synced",
  // PGlite has one backend: two transactions cannot interleave there.
  ignore: harness.db.embedded,
  fn: async () => {
    const claims = {
      externalUserId: uniqueUserId("race"),
      username: "loser",
      role: "user" as const,
    };
    // The winner inserts the user and keeps its transaction open past the loser's snapshot.
    const winner = await holdTransaction(
      sql,
      (tx) =>
        tx`insert into onboarding.users (external_user_id, username)
           values (${claims.externalUserId}, 'winner')`,
    );
    const loser = asUser(sql, claims, (tx) => upsertUser(tx, claims));
    // Let the loser's statement start (it then waits on the winner's uncommitted key).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await winner.release();
    const row = await loser;
    assert.equal(row.external_user_id, claims.externalUserId);
    assert.equal(row.username, "loser");
    const rows = await sql`
      select id, username from onboarding.users where external_user_id = ${claims.externalUserId}`;
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, row.id);
  },
});

Deno.test("a changed username is synced, an unchanged one writes nothing", async () => {
  const user = await testUser(undefined, "old_name");
  const created = await (await harness.fetch("/api/auth/me", { headers: user.headers })).json();
  // Unchanged: the row keeps its updated_at (no write at all).
  const again = await (await harness.fetch("/api/auth/me", { headers: user.headers })).json();
  assert.equal(again.updated_at, created.updated_at);

  const renamed = await testUser(user.userId, "新名字");
  const before = await usersSequence();
  const response = await harness.fetch("/api/auth/me", { headers: renamed.headers });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.id, created.id);
  assert.equal(body.username, "新名字");
  assert.ok(Date.parse(body.updated_at) >= Date.parse(created.updated_at));
  assert.equal(body.created_at, created.created_at);
  const [row] = await sql`
    select username from onboarding.users where external_user_id = ${user.userId}`;
  assert.equal(row.username, "新名字");
  assert.equal(await usersSequence(), before);
});

Deno.test("tables that grow with traffic have bigint identities; ids stay JSON numbers", async () => {
  const columns = await sql<{ table: string; type: string; seqType: string }[]>`
    select c.table_name as table, c.data_type as type, s.data_type as "seqType"
    from information_schema.columns c
    join pg_sequences s on s.schemaname = 'onboarding' and s.sequencename = c.table_name || '_id_seq'
    where c.table_schema = 'onboarding' and c.column_name = 'id'
      and c.table_name in ('chat_messages', 'uploads')
    order by 1`;
  assert.deepEqual([...columns], [
    { table: "chat_messages", type: "bigint", seqType: "bigint" },
    { table: "uploads", type: "bigint", seqType: "bigint" },
  ]);

  const user = await testUser();
  const sessionId = await newSession(harness, user);
  await say(harness, user, sessionId, "我們是做食品加工的");
  const { body } = await call(harness, user, "GET", `/sessions/${sessionId}/messages`);
  const messages = Array.isArray(body) ? body : body.messages;
  assert.ok(messages.length >= 2);
  for (const message of messages) assert.equal(typeof message.id, "number");

  const file = new File(["公司簡介：我們是食品加工公司。"], "profile.txt");
  const upload = await uploadFile(harness, user, file, sessionId);
  const uploaded = await upload.json();
  assert.equal(upload.status, 200, JSON.stringify(uploaded));
  assert.equal(typeof uploaded.upload_id, "number");
  const [row] = await sql`select id from onboarding.uploads where id = ${uploaded.upload_id}`;
  assert.equal(row.id, uploaded.upload_id);
});
