/**
 * Proof that PostgreSQL, not the application, keeps users apart: inside `asUser` for user A,
 * unfiltered queries see none of user B's rows and cannot write rows owned by B.
 */
import assert from "node:assert/strict";
import { asUser } from "../../shared/db/as_user.ts";
import { loadSnapshot, lockSessionForTurn, sessionData } from "../../shared/db/onboarding.ts";
import { listMessages, recentMessages, sessionExists } from "../../shared/db/sessions.ts";
import type { Sql } from "../../shared/db/client.ts";
import { testDatabase, uniqueUserId } from "../support/database.ts";

const TABLES = [
  "users",
  "chat_sessions",
  "chat_messages",
  "company_onboarding",
  "products",
  "uploads",
] as const;

/** Seeds one row in every table for `externalUserId`, with the privileged pool. */
async function seedUser(sql: Sql, externalUserId: string) {
  const [user] = await sql`insert into onboarding.users (external_user_id, username)
    values (${externalUserId}, 'seed') returning id`;
  const [session] = await sql`insert into onboarding.chat_sessions (user_id, external_user_id)
    values (${user.id}, ${externalUserId}) returning id`;
  await sql`insert into onboarding.chat_messages (session_id, external_user_id, role, content)
    values (${session.id}, ${externalUserId}, 'user', 'hello')`;
  const [onboarding] = await sql`insert into onboarding.company_onboarding
    (chat_session_id, user_id, external_user_id, industry)
    values (${session.id}, ${user.id}, ${externalUserId}, '電子業') returning id`;
  await sql`insert into onboarding.products (onboarding_id, external_user_id, product_name)
    values (${onboarding.id}, ${externalUserId}, '晶片')`;
  await sql`insert into onboarding.uploads
    (session_id, external_user_id, filename, file_type, size_bytes, sha256, storage_path)
    values (${session.id}, ${externalUserId}, 'a.txt', 'txt', 1, ${"0".repeat(64)}, 'x')`;
  return { userId: user.id as number, sessionId: session.id as number };
}

Deno.test("row-level security is the enforcement", async (t) => {
  const { sql } = await testDatabase();
  const a = uniqueUserId("rls-a");
  const b = uniqueUserId("rls-b");
  const seededA = await seedUser(sql, a);
  const seededB = await seedUser(sql, b);
  const claimsA = { externalUserId: a, username: "a", role: "user" as const };

  await t.step("an unfiltered select sees only the caller's rows, in every table", async () => {
    for (const table of TABLES) {
      const owners = await asUser(
        sql,
        claimsA,
        (tx) => tx`select external_user_id from ${tx("onboarding." + table)}`,
      );
      assert.ok(owners.length >= 1, `${table}: A sees its own row`);
      assert.deepEqual(new Set(owners.map((r) => r.external_user_id)), new Set([a]), table);
    }
  });

  await t.step("a row owned by another user cannot be inserted", async () => {
    await assert.rejects(
      asUser(
        sql,
        claimsA,
        (tx) =>
          tx`insert into onboarding.chat_sessions (user_id, external_user_id)
           values (${seededB.userId}, ${b})`,
      ),
      /row-level security/,
    );
    await assert.rejects(
      asUser(
        sql,
        claimsA,
        (tx) =>
          tx`insert into onboarding.chat_messages (session_id, external_user_id, role, content)
           values (${seededB.sessionId}, ${b}, 'user', 'injected')`,
      ),
      /row-level security/,
    );
  });

  await t.step("own ownership cannot be attached to another user's session", async () => {
    // The composite foreign key (session_id, external_user_id) refuses a mismatched pair.
    await assert.rejects(
      asUser(
        sql,
        claimsA,
        (tx) =>
          tx`insert into onboarding.chat_messages (session_id, external_user_id, role, content)
           values (${seededB.sessionId}, ${a}, 'user', 'injected')`,
      ),
      /foreign key/,
    );
  });

  await t.step("another user's rows cannot be updated or deleted", async () => {
    const updated = await asUser(
      sql,
      claimsA,
      (tx) =>
        tx`update onboarding.company_onboarding set industry = 'hacked'
         where external_user_id = ${b} returning id`,
    );
    assert.equal(updated.length, 0);
    const deleted = await asUser(
      sql,
      claimsA,
      (tx) => tx`delete from onboarding.products where external_user_id = ${b} returning id`,
    );
    assert.equal(deleted.length, 0);
    const [row] = await sql`select industry from onboarding.company_onboarding
      where chat_session_id = ${seededB.sessionId}`;
    assert.equal(row.industry, "電子業");
  });

  await t.step("a user cannot reactivate itself or change its role", async () => {
    // Deactivated (as an admin would), A cannot reactivate itself; nor deactivate itself.
    await sql`update onboarding.users set is_active = false where external_user_id = ${a}`;
    await assert.rejects(
      asUser(sql, claimsA, (tx) => tx`update onboarding.users set is_active = true`),
      /only an admin changes whether a user is active/,
    );
    await sql`update onboarding.users set is_active = true where external_user_id = ${a}`;
    await assert.rejects(
      asUser(sql, claimsA, (tx) => tx`update onboarding.users set is_active = false`),
      /only an admin changes whether a user is active/,
    );
    // The role column follows the token: a caller may record only the role its claims give it.
    await assert.rejects(
      asUser(sql, claimsA, (tx) => tx`update onboarding.users set role = 'admin'`),
      /row-level security/,
    );
    await assert.rejects(
      asUser(
        sql,
        { externalUserId: uniqueUserId("rls-c"), username: "c", role: "user" },
        (tx) =>
          tx`insert into onboarding.users (external_user_id, username, role)
           values (${uniqueUserId("rls-c")}, 'c', 'admin')`,
      ),
      /row-level security/,
    );
    const admin = { ...claimsA, role: "admin" as const };
    const [promoted] = await asUser(
      sql,
      admin,
      (tx) =>
        tx`update onboarding.users set role = 'admin' where external_user_id = ${a}
           returning role`,
    );
    assert.equal(promoted.role, "admin");
    // An admin's token changes no other user's role (only is_active, see admin_test).
    await assert.rejects(
      asUser(
        sql,
        admin,
        (tx) => tx`update onboarding.users set role = 'admin' where external_user_id = ${b}`,
      ),
      /come only from their own token/,
    );
    await asUser(sql, claimsA, (tx) => tx`update onboarding.users set role = 'user'`);
  });

  await t.step("the repositories scope by owner themselves, not by RLS alone", async () => {
    // The test database's own role is a superuser, which row-level security does not apply to:
    // only the queries' own owner filters keep A away from B's session here. They must, since
    // admins' read policies (contract §9) will let an admin's transactions see every row.
    const id = seededB.sessionId;
    assert.equal(await lockSessionForTurn(sql, a, id), undefined);
    assert.equal(await loadSnapshot(sql, a, id), undefined);
    assert.equal(await sessionData(sql, a, id), undefined);
    assert.equal(await sessionExists(sql, a, id), false);
    assert.equal((await listMessages(sql, a, id)).length, 0);
    assert.equal((await recentMessages(sql, a, id, 10)).length, 0);
    // And B's own calls find the session.
    assert.ok(await lockSessionForTurn(sql, b, id));
    assert.ok(await loadSnapshot(sql, b, id));
    assert.ok(await sessionData(sql, b, id));
    assert.equal(await sessionExists(sql, b, id), true);
    assert.equal((await listMessages(sql, b, id)).length, 1);
    assert.equal((await recentMessages(sql, b, id, 10)).length, 1);
  });

  await t.step("nothing leaks onto the pooled connection after the transaction", async () => {
    await asUser(sql, claimsA, (tx) => tx`select 1`);
    const [state] = await sql`select current_user as role,
      coalesce(current_setting('request.jwt.claims', true), '') as claims`;
    assert.equal(state.claims, "");
    assert.notEqual(state.role, "authenticated");
    assert.equal(seededA.userId > 0, true);
  });
});

Deno.test("the policies read the caller from the claims in place, not through a function call", async () => {
  // A `set` clause or `security definer` on the claim readers would stop PostgreSQL from
  // folding them into the policies, and each statement would plan and call them again
  // (migrations/20261203180000_cheaper_policy_checks.sql).
  const { sql } = await testDatabase();
  const claims = { externalUserId: uniqueUserId("rls-plan"), username: "p", role: "user" as const };
  const plan = await asUser(sql, claims, async (tx) => {
    const rows = await tx`explain (verbose, costs off)
      select id from onboarding.chat_sessions where status = 'active'`;
    return rows.map((row) => Object.values(row)[0]).join("\n");
  });
  assert.match(plan, /current_setting/, "the claim is read in the plan itself");
  assert.doesNotMatch(plan, /current_external_user_id|current_user_role/, plan);
});
