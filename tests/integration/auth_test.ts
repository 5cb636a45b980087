import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { mintToken } from "../../shared/auth/mint.ts";
import { newSession } from "../support/chat.ts";
import { createHarness, TEST_SECRET, testUser } from "../support/harness.ts";
import { uniqueUserId } from "../support/database.ts";

const harness = await createHarness();

Deno.test("GET /api/auth/me creates the user on first use and returns it", async () => {
  const user = await testUser(uniqueUserId(), "john_doe");
  const response = await harness.fetch("/api/auth/me", { headers: user.headers });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), [
    "id",
    "external_user_id",
    "username",
    "role",
    "is_active",
    "created_at",
    "updated_at",
  ]);
  assert.equal(typeof body.id, "number");
  assert.equal(body.external_user_id, user.userId);
  assert.equal(body.username, "john_doe");
  assert.equal(body.role, "user");
  assert.equal(body.is_active, true);
  assert.match(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
});

Deno.test("the hosted URL shape answers the same", async () => {
  const user = await testUser();
  const response = await harness.fetch("/functions/v1/auth/me", { headers: user.headers });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).external_user_id, user.userId);
});

Deno.test("a changed username is synced, the id stays", async () => {
  const id = uniqueUserId();
  const first = await (await harness.fetch("/api/auth/me", {
    headers: (await testUser(id, "old_name")).headers,
  })).json();
  const second = await (await harness.fetch("/api/auth/me", {
    headers: (await testUser(id, "new_name")).headers,
  })).json();
  assert.equal(second.id, first.id);
  assert.equal(second.username, "new_name");
  const [row] = await harness.db.sql`
    select username from onboarding.users where external_user_id = ${id}`;
  assert.equal(row.username, "new_name");
});

Deno.test("an integer user_id and its string form are the same user", async () => {
  const numeric = Math.floor(Math.random() * 1e12);
  const token = await new SignJWT({ user_id: numeric, username: "n" })
    .setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(TEST_SECRET));
  const a = await (await harness.fetch("/api/auth/me", {
    headers: { Authorization: `Bearer ${token}` },
  })).json();
  const b = await (await harness.fetch("/api/auth/me", {
    headers: (await testUser(String(numeric), "n")).headers,
  })).json();
  assert.equal(a.external_user_id, String(numeric));
  assert.equal(a.id, b.id);
});

Deno.test("concurrent first requests of one user all succeed with one row", async () => {
  const user = await testUser();
  const responses = await Promise.all(
    Array.from({ length: 8 }, () => harness.fetch("/api/auth/me", { headers: user.headers })),
  );
  const bodies = await Promise.all(responses.map((r) => r.json()));
  assert.deepEqual(responses.map((r) => r.status), Array(8).fill(200));
  assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
  const [{ count }] = await harness.db.sql`
    select count(*)::int as count from onboarding.users where external_user_id = ${user.userId}`;
  assert.equal(count, 1);
});

Deno.test("an inactive user gets 403", async () => {
  const user = await testUser();
  assert.equal((await harness.fetch("/api/auth/me", { headers: user.headers })).status, 200);
  await harness.db.sql`
    update onboarding.users set is_active = false where external_user_id = ${user.userId}`;
  const response = await harness.fetch("/api/auth/me", { headers: user.headers });
  assert.equal(response.status, 403);
  assert.deepEqual(await response.json(), { detail: "User account is inactive" });
  // Counted like any authenticated request (contract §11): the headers are there.
  assert.ok(response.headers.get("X-RateLimit-Remaining"));
});

Deno.test("401s carry the contract's bodies and WWW-Authenticate", async () => {
  const cases: [Record<string, string>, string][] = [
    [{}, "Could not validate credentials"],
    [{ Authorization: "Basic abc" }, "Could not validate credentials"],
    [{ Authorization: "Bearer not-a-jwt" }, "Could not validate credentials"],
    [{ Authorization: `Bearer ${"x".repeat(20000)}` }, "Could not validate credentials"],
    [
      { Authorization: `Bearer ${await signed({ user_id: "1" })}` },
      "Invalid token: missing user_id or username",
    ],
    [
      { Authorization: `Bearer ${await signed({ user_id: "1", username: "u".repeat(101) })}` },
      "Could not validate credentials",
    ],
  ];
  for (const [headers, detail] of cases) {
    const response = await harness.fetch("/api/auth/me", { headers });
    assert.equal(response.status, 401, detail);
    assert.equal(response.headers.get("WWW-Authenticate"), "Bearer");
    assert.deepEqual(await response.json(), { detail });
  }
});

function signed(payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode(TEST_SECRET));
}

Deno.test("the role claim is synced to the user row on every request (contract §9)", async () => {
  const id = uniqueUserId();
  const as = async (claims: Record<string, unknown>) => {
    const token = await mintToken(TEST_SECRET, { user_id: id, username: "r", ...claims });
    const response = await harness.fetch("/api/auth/me", {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()).role;
  };
  assert.equal(await as({ role: "admin" }), "admin");
  assert.equal(await as({}), "user");
  assert.equal(await as({ role: "admin" }), "admin");
  // Only "admin" grants admin: anything else is a user.
  for (const role of ["user", "Admin", "superuser", "authenticated", 1, true, ["admin"]]) {
    assert.equal(await as({ role }), "user", JSON.stringify(role));
  }
  const [row] = await harness.db.sql`select role from onboarding.users
    where external_user_id = ${id}`;
  assert.equal(row.role, "user");
});

Deno.test("a role sent in a body or a header, not in the token, changes nothing", async () => {
  const a = await testUser();
  const b = await testUser();
  const sessionB = await newSession(harness, b);
  const sessionA = await newSession(harness, a);
  const pretending = {
    ...a.headers,
    "X-User-Role": "admin",
    "X-Role": "admin",
    Role: "admin",
    "X-Supabase-Role": "service_role",
  };
  const send = (method: string, path: string, body?: unknown) =>
    harness.fetch(path, {
      method,
      headers: pretending,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const message = await send("POST", "/api/chatbot/message", {
    session_id: sessionA,
    message: "我們是電子業",
    role: "admin",
    user_role: "admin",
  });
  assert.equal(message.status, 200);
  assert.equal((await (await send("GET", "/api/auth/me")).json()).role, "user");
  for (const path of [`/api/chatbot/data/${sessionB}`, `/api/chatbot/export/${sessionB}`]) {
    const response = await send("GET", path);
    assert.equal(response.status, 404, path);
  }
  const sent = await send("POST", "/api/chatbot/message", {
    session_id: sessionB,
    message: "我們是食品業",
    role: "admin",
  });
  assert.equal(sent.status, 404);
  const sessions = await (await send("GET", "/api/chatbot/sessions")).json();
  assert.deepEqual(sessions.map((s: { id: number }) => s.id), [sessionA]);
  const [row] = await harness.db.sql`select industry from onboarding.company_onboarding
    where chat_session_id = ${sessionB}`;
  assert.equal(row.industry, null);
});

Deno.test("deno task token mints a user's token, and an admin's with --admin", async () => {
  const mint = async (...args: string[]) => {
    const script = new URL("../../scripts/token.ts", import.meta.url);
    const { code, stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-env", "--allow-read", script.href, ...args],
      env: { EXTERNAL_JWT_SECRET: TEST_SECRET },
      stdout: "piped",
      stderr: "inherit",
    }).output();
    assert.equal(code, 0);
    return new TextDecoder().decode(stdout).trim();
  };
  const roleOf = async (token: string) =>
    (await (await harness.fetch("/api/auth/me", {
      headers: { Authorization: `Bearer ${token}` },
    })).json()).role;
  assert.equal(await roleOf(await mint(uniqueUserId(), "someone", "1h")), "user");
  assert.equal(await roleOf(await mint(uniqueUserId(), "boss", "--admin")), "admin");
});
