/**
 * The `admin` function (contract §9): its users and activity routes, open to a
 * token whose role claim is `admin` and to nobody else, reading other users' rows through
 * row-level security.
 */
import assert from "node:assert/strict";
import { mintToken } from "../../shared/auth/mint.ts";
import { asUser } from "../../shared/db/as_user.ts";
import { uniqueUserId } from "../support/database.ts";
import { completeExample, newSession, say } from "../support/chat.ts";
import { adminHeaders, createHarness, TEST_SECRET, testUser } from "../support/harness.ts";

const harness = await createHarness();

function activity(headers: Record<string, string>, query = "") {
  return harness.fetch(`/api/admin/activity${query}`, { headers });
}

Deno.test("GET /admin/activity: every user's actions, newest first, for an admin", async () => {
  const [a, b] = [await testUser(), await testUser()];
  const sessionA = await newSession(harness, a);
  const sessionB = await newSession(harness, b);
  await say(harness, a, sessionA, "我們是電子業");
  const admin = await adminHeaders();
  const response = await activity(admin, "?limit=200");
  assert.equal(response.status, 200);
  const { items, next_cursor } = await response.json();
  const mine = items.filter((row: { external_user_id: string }) =>
    [a.userId, b.userId].includes(row.external_user_id)
  );
  assert.deepEqual(
    mine.map((row: { action: string; external_user_id: string; session_id: number }) => [
      row.action,
      row.external_user_id,
      row.session_id,
    ]),
    [["message", a.userId, sessionA], ["session.created", b.userId, sessionB], [
      "session.created",
      a.userId,
      sessionA,
    ]],
  );
  assert.ok(items.every((row: { id: number }, i: number) => i === 0 || items[i - 1].id > row.id));
  assert.ok(next_cursor === null || typeof next_cursor === "string");
  // One user's only.
  const onlyB = await (await activity(admin, `?external_user_id=${b.userId}`)).json();
  assert.deepEqual(onlyB.items.map((row: { action: string }) => row.action), ["session.created"]);
  assert.equal(onlyB.next_cursor, null);
});

Deno.test("GET /admin/activity: pages follow next_cursor without gaps or repeats", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  for (const message of ["我們是電子業", "資本額500萬", "發明專利3件"]) {
    await say(harness, user, sessionId, message);
  }
  const admin = await adminHeaders();
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?external_user_id=${user.userId}&limit=2` +
      (cursor ? `&cursor=${cursor}` : "");
    const page = await (await activity(admin, query)).json();
    assert.ok(page.items.length <= 2);
    seen.push(...page.items.map((row: { id: number }) => row.id));
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(seen.length, 4);
  assert.deepEqual(seen, [...seen].sort((x, y) => y - x));
  assert.equal(new Set(seen).size, 4);
});

Deno.test("GET /admin/activity: 403 for a user's token, 401 without one, 400 for bad queries", async () => {
  const user = await testUser();
  for (const headers of [user.headers, await adminHeaders("user"), await adminHeaders("Admin")]) {
    const refused = await activity(headers);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { detail: "Admin role required" });
  }
  assert.equal((await activity({})).status, 401);
  const admin = await adminHeaders();
  for (const query of ["?limit=0", "?limit=201", "?cursor=abc", "?cursor=0", "?limit=x"]) {
    const response = await activity(admin, query);
    assert.equal(response.status, 400, query);
  }
  // The hosted URL shape answers the same.
  assert.equal(
    (await harness.fetch("/functions/v1/admin/activity", { headers: admin })).status,
    200,
  );
  assert.equal((await harness.fetch("/api/admin/health")).status, 200);
});

Deno.test("GET /admin/users: each user's onboarding status, filtered, searched, paged", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const none = await testUser(uniqueUserId(`none-${tag}`), `none_${tag}`);
  const going = await testUser(uniqueUserId(`going-${tag}`), `going_${tag}`);
  const done = await testUser(uniqueUserId(`done-${tag}`), `done_${tag}`);
  await harness.fetch("/api/auth/me", { headers: none.headers });
  const goingSession = await newSession(harness, going);
  const { sessionId: doneSession } = await completeExample(harness, done);
  const admin = await adminHeaders();
  const users = async (query: string) => {
    const response = await harness.fetch(`/api/admin/users${query}`, { headers: admin });
    assert.equal(response.status, 200, query);
    return await response.json();
  };
  const page = await users(`?q=${tag}`);
  assert.equal(page.total, 3);
  assert.equal(page.limit, 50);
  assert.equal(page.offset, 0);
  const byId = Object.fromEntries(
    page.items.map((row: { external_user_id: string }) => [row.external_user_id, row]),
  );
  assert.deepEqual(
    [none, going, done].map((u) => byId[u.userId].onboarding_status),
    ["none", "in_progress", "completed"],
  );
  assert.equal(byId[none.userId].latest_session_id, null);
  assert.equal(byId[none.userId].last_active_at, null);
  assert.equal(byId[going.userId].latest_session_id, goingSession);
  assert.equal(byId[going.userId].completed_at, null);
  assert.equal(byId[done.userId].latest_session_id, doneSession);
  assert.ok(byId[done.userId].completed_at);
  assert.ok(byId[done.userId].last_active_at >= byId[done.userId].completed_at);
  // Oldest account first.
  assert.deepEqual(
    page.items.map((row: { external_user_id: string }) => row.external_user_id),
    [none.userId, going.userId, done.userId],
  );
  // Filters, search in any case, pages.
  const completed = await users(`?q=${tag}&status=completed`);
  assert.deepEqual(completed.items.map((r: { username: string }) => r.username), [`done_${tag}`]);
  assert.equal(completed.total, 1);
  assert.equal((await users(`?q=${tag.toUpperCase()}&status=none`)).total, 1);
  const second = await users(`?q=${tag}&limit=2&offset=2`);
  assert.equal(second.total, 3);
  assert.deepEqual(second.items.map((r: { username: string }) => r.username), [`done_${tag}`]);
  const past = await users(`?q=${tag}&limit=2&offset=10`);
  assert.deepEqual([past.items.length, past.total], [0, 3]);
  // LIKE's wildcards are matched as themselves.
  assert.equal((await users(`?q=${encodeURIComponent("%")}${tag}`)).total, 0);
  assert.equal((await users(`?q=_${tag}`)).total, 3);
  // Refusals.
  assert.equal((await harness.fetch("/api/admin/users", { headers: none.headers })).status, 403);
  for (const query of ["?limit=0", "?status=done", "?offset=-1", `?q=${"x".repeat(101)}`]) {
    const response = await harness.fetch(`/api/admin/users${query}`, { headers: admin });
    assert.equal(response.status, 400, query);
  }
});

Deno.test("an admin's token reads other users' rows only in the admin function's queries", async () => {
  const user = await testUser();
  const other = await testUser();
  const otherSession = await newSession(harness, other);
  await say(harness, other, otherSession, "我們是電子業");
  // On the chatbot's routes an admin token is a user like any other: another's session is 404.
  const token = await mintToken(TEST_SECRET, {
    user_id: user.userId,
    username: "u",
    role: "admin",
  });
  const headers = { Authorization: `Bearer ${token}` };
  for (
    const path of [
      `/data/${otherSession}`,
      `/export/${otherSession}`,
      `/sessions/${otherSession}/messages`,
    ]
  ) {
    const response = await harness.fetch(`/api/chatbot${path}`, { headers });
    assert.equal(response.status, 404, path);
    assert.deepEqual(await response.json(), { detail: "Chat session not found" }, path);
  }
  const sent = await harness.fetch("/api/chatbot/message", {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ session_id: otherSession, message: "我們是食品業" }),
  });
  assert.equal(sent.status, 404);
  // The lists are the caller's own too: this admin has no session, so they are empty.
  const own = async (path: string) =>
    await (await harness.fetch(`/api/chatbot${path}`, { headers })).json();
  assert.deepEqual(await own("/sessions"), []);
  assert.deepEqual(await own("/sessions/latest"), { session_id: null });
  assert.deepEqual(await own("/export/all"), []);
  assert.deepEqual(await own("/data/current"), { has_data: false, data: null });
  const [row] = await harness.db.sql`select industry from onboarding.company_onboarding
    where chat_session_id = ${otherSession}`;
  assert.equal(row.industry, "電子業");
});

function patchUser(headers: Record<string, string>, id: string, body: unknown) {
  return harness.fetch(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { ...headers, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

Deno.test("PATCH /admin/users/{id}: a deactivated user is refused until reactivated", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const adminId = uniqueUserId("admin");
  const admin = {
    Authorization: `Bearer ${await mintToken(TEST_SECRET, {
      user_id: adminId,
      username: "a",
      role: "admin",
    })}`,
  };
  const off = await patchUser(admin, user.userId, { is_active: false });
  assert.equal(off.status, 200);
  const row = await off.json();
  assert.equal(row.external_user_id, user.userId);
  assert.equal(row.is_active, false);
  assert.equal(row.onboarding_status, "in_progress");
  assert.equal(row.latest_session_id, sessionId);
  // The user's next request, whatever route, is refused; nothing of theirs changes.
  for (const path of ["/api/auth/me", `/api/chatbot/data/${sessionId}`]) {
    const refused = await harness.fetch(path, { headers: user.headers });
    assert.equal(refused.status, 403, path);
    assert.deepEqual(await refused.json(), { detail: "User account is inactive" });
  }
  const sent = await harness.fetch("/api/chatbot/message", {
    method: "POST",
    headers: { ...user.headers, "Content-Type": "application/json" },
    body: JSON.stringify({ session_id: sessionId, message: "我們是電子業" }),
  });
  assert.equal(sent.status, 403);
  const [industry] = await harness.db.sql`select industry from onboarding.company_onboarding
    where chat_session_id = ${sessionId}`;
  assert.equal(industry.industry, null);
  // Recorded as the admin's action on the user, and not as the user's own activity.
  const log = await (await activity(admin, `?external_user_id=${user.userId}`)).json();
  const [last] = log.items;
  assert.deepEqual(
    [last.action, last.actor, last.external_user_id, last.detail],
    ["admin.user_updated", adminId, user.userId, { is_active: false }],
  );
  const listed = await (await harness.fetch(`/api/admin/users?q=${user.userId}`, {
    headers: admin,
  })).json();
  assert.ok(listed.items[0].last_active_at < last.at);
  // Reactivated: served again.
  const on = await patchUser(admin, user.userId, { is_active: true });
  assert.equal((await on.json()).is_active, true);
  assert.equal((await harness.fetch("/api/auth/me", { headers: user.headers })).status, 200);
});

Deno.test("PATCH /admin/users/{id}: refusals change nothing", async () => {
  const user = await testUser();
  const other = await testUser();
  await harness.fetch("/api/auth/me", { headers: other.headers });
  const admin = await adminHeaders();
  // Not an admin: 403, even for the user's own row, even with a role in the body or a header.
  for (
    const [headers, body] of [
      [user.headers, { is_active: false }],
      [{ ...user.headers, "X-Role": "admin" }, { is_active: true, role: "admin" }],
      [await adminHeaders("user"), { is_active: false }],
    ] as const
  ) {
    const refused = await patchUser(headers, other.userId, body);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { detail: "Admin role required" });
  }
  // Unknown user: 404, nothing recorded.
  const missing = await patchUser(admin, uniqueUserId("nobody"), { is_active: false });
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { detail: "User not found" });
  // Bad bodies: 400.
  for (
    const body of ["{", "[]", "{}", '{"is_active":"no"}', '{"is_active":false,"username":"x"}']
  ) {
    const response = await patchUser(admin, other.userId, body);
    assert.equal(response.status, 400, body);
  }
  const [row] = await harness.db.sql`select is_active, username from onboarding.users
    where external_user_id = ${other.userId}`;
  assert.deepEqual({ ...row }, { is_active: true, username: "測試用戶" });
  const log = await (await activity(admin, `?external_user_id=${other.userId}`)).json();
  assert.deepEqual(log.items, []);
});

Deno.test("row-level security: only an admin changes is_active, and only is_active of others", async () => {
  const { sql } = harness.db;
  const user = await testUser();
  const other = await testUser();
  for (const u of [user, other]) await harness.fetch("/api/auth/me", { headers: u.headers });
  const as = (role: "user" | "admin", id = user.userId) => ({
    externalUserId: id,
    username: "測試用戶",
    role,
  });
  // A user cannot deactivate or reactivate themselves, nor touch another's row.
  await assert.rejects(
    asUser(sql, as("user"), (tx) =>
      tx`update onboarding.users set is_active = false
         where external_user_id = ${user.userId}`),
    /only an admin changes whether a user is active/,
  );
  const touched = await asUser(
    sql,
    as("user"),
    (tx) =>
      tx`update onboarding.users set is_active = false
       where external_user_id = ${other.userId} returning id`,
  );
  assert.equal(touched.length, 0);
  // An admin changes another's is_active, but not their name or role.
  for (const change of [{ username: "renamed" }, { role: "admin" }]) {
    await assert.rejects(
      asUser(sql, as("admin"), (tx) =>
        tx`update onboarding.users set ${tx(change)}
           where external_user_id = ${other.userId}`),
      /come only from their own token/,
    );
  }
  // Nor record an admin's action without being one.
  await asUser(
    sql,
    as("user"),
    (tx) => tx`select onboarding.record_admin_activity(${other.userId}, 'admin.user_updated')`,
  );
  const [{ count }] = await sql`select count(*)::int from onboarding.activity_log
    where external_user_id = ${other.userId} and action = 'admin.user_updated'`;
  assert.equal(count, 0);
  const [row] = await sql`select is_active, username, role from onboarding.users
    where external_user_id = ${other.userId}`;
  assert.deepEqual({ ...row }, { is_active: true, username: "測試用戶", role: "user" });
});

Deno.test("every admin route refuses a user's token, whatever role the request claims", async () => {
  const user = await testUser();
  await harness.fetch("/api/auth/me", { headers: user.headers });
  // The routes as the function documents them: a new route is covered without a list here.
  const document = await (await harness.fetch("/api/admin/openapi.json")).json();
  const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method, path })))
    .filter(({ path }) => !path.endsWith("/health") && !path.endsWith("/openapi.json"));
  assert.ok(operations.length >= 7, JSON.stringify(operations));
  for (const { method, path } of operations) {
    const url = "/api" + path
      .replace("{external_user_id}", encodeURIComponent(user.userId))
      .replace("{id}", `msg_${"0".repeat(32)}`);
    const hasBody = method === "patch" || method === "post";
    const response = await harness.fetch(`${url}?role=admin`, {
      method: method.toUpperCase(),
      headers: { ...user.headers, "X-Role": "admin", "X-User-Role": "admin" },
      ...(hasBody ? { body: JSON.stringify({ is_active: false, role: "admin" }) } : {}),
    });
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.deepEqual(await response.json(), { detail: "Admin role required" });
  }
  // Nothing changed: the user is still active, still a user.
  const [row] = await harness.db.sql`select is_active, role from onboarding.users
    where external_user_id = ${user.userId}`;
  assert.deepEqual({ ...row }, { is_active: true, role: "user" });
});

Deno.test("hostile or extreme input to the admin routes is a 4xx, never a 500", async () => {
  const admin = await adminHeaders();
  const cases: [string, string, string?][] = [
    ["GET", "/users?q=%00"],
    ["GET", "/users?q=%ED%A0%80"],
    ["GET", "/users?q=%F0%9F%98%80%27%3B--"],
    ["GET", "/users?offset=1e3"],
    ["GET", "/activity?external_user_id=%00"],
    ["GET", "/activity?cursor=999999999999999"],
    ["GET", "/export?cursor=99999999999999999-2147483647"],
    ["GET", "/export?since=0001-01-01T00:00:00Z"],
    ["GET", "/export?since=9999-12-31T23:59:59Z"],
    ["GET", "/metrics?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z"],
    ["GET", "/metrics?from=2024-02-30T00:00:00Z"],
    ["GET", "/webhooks?cursor=18446744073709551616"],
    ["PATCH", `/users/${"x".repeat(101)}`, '{"is_active":false}'],
    ["PATCH", "/users/%00", '{"is_active":false}'],
    ["PATCH", "/users/someone", '{"is_active":false,"\\u0000":1}'],
    ["PATCH", "/users/someone", '{"is_active":"\\ud800"}'],
    ["POST", "/webhooks/msg_%00/retry"],
  ];
  for (const [method, path, body] of cases) {
    const response = await harness.fetch(`/api/admin${path}`, {
      method,
      headers: { ...admin, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    assert.ok(response.status < 500, `${method} ${path}: ${response.status} ${text}`);
  }
});
