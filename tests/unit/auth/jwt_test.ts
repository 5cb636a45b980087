import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { verifyExternalToken } from "../../../shared/auth/jwt.ts";
import { mintToken } from "../../../shared/auth/mint.ts";

const SECRET = "current-secret-0123456789abcdef";
// HS256 secrets only: key-set tokens are tested against a real JWKS server in
// tests/integration/issuers_test.ts.
const keys = (...jwtSecrets: string[]) => ({ jwtSecrets, jwks: undefined });
const PREVIOUS = "previous-secret-0123456789abcdef";
const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");

function sign(payload: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(
    new TextEncoder().encode(secret),
  );
}

Deno.test("a valid token yields normalised claims", async () => {
  const token = await mintToken(SECRET, { user_id: "12345", username: "john_doe" });
  assert.deepEqual(await verifyExternalToken(token, keys(SECRET)), {
    ok: true,
    claims: { externalUserId: "12345", username: "john_doe", role: "user" },
  });
});

Deno.test("an integer user_id is read as its decimal string", async () => {
  const token = await sign({ user_id: 12345, username: "john" });
  const result = await verifyExternalToken(token, keys(SECRET));
  assert.deepEqual(result, {
    ok: true,
    claims: { externalUserId: "12345", username: "john", role: "user" },
  });
});

Deno.test("a token without exp is accepted; exp and nbf are checked when present", async () => {
  assert.equal(
    (await verifyExternalToken(await sign({ user_id: "1", username: "a" }), keys(SECRET))).ok,
    true,
  );
  const expired = await sign({ user_id: "1", username: "a", exp: now() - 3600 });
  assert.deepEqual(await verifyExternalToken(expired, keys(SECRET)), {
    ok: false,
    reason: "invalid",
  });
  const future = await sign({ user_id: "1", username: "a", nbf: now() + 3600 });
  assert.deepEqual(await verifyExternalToken(future, keys(SECRET)), {
    ok: false,
    reason: "invalid",
  });
  // A few seconds of clock skew are tolerated.
  const justExpired = await sign({ user_id: "1", username: "a", exp: now() - 5 });
  assert.equal((await verifyExternalToken(justExpired, keys(SECRET))).ok, true);
});

Deno.test("a token signed with another secret is refused", async () => {
  const token = await sign({ user_id: "1", username: "a" }, "some-other-secret-0123456789");
  assert.deepEqual(await verifyExternalToken(token, keys(SECRET)), {
    ok: false,
    reason: "invalid",
  });
});

Deno.test("the previous secret is accepted during rotation, and only when configured", async () => {
  const token = await sign({ user_id: "7", username: "rotated" }, PREVIOUS);
  assert.equal((await verifyExternalToken(token, keys(SECRET, PREVIOUS))).ok, true);
  assert.equal((await verifyExternalToken(token, keys(SECRET))).ok, false);
});

Deno.test("alg none and an RS256 header are refused", async () => {
  const payload = b64url({ user_id: "1", username: "a" });
  const none = `${b64url({ alg: "none", typ: "JWT" })}.${payload}.`;
  assert.deepEqual(await verifyExternalToken(none, keys(SECRET)), { ok: false, reason: "invalid" });
  const valid = await sign({ user_id: "1", username: "a" });
  const signature = valid.split(".")[2];
  const rs256 = `${b64url({ alg: "RS256", typ: "JWT" })}.${payload}.${signature}`;
  assert.deepEqual(await verifyExternalToken(rs256, keys(SECRET)), {
    ok: false,
    reason: "invalid",
  });
});

Deno.test("missing or empty user_id / username is reported as missing claims", async () => {
  for (
    const payload of [
      { username: "a" },
      { user_id: "1" },
      { user_id: "", username: "a" },
      { user_id: "1", username: "" },
      { user_id: "1", username: "   " },
      { user_id: null, username: "a" },
      { user_id: 1.5, username: "a" },
      { user_id: { nested: true }, username: "a" },
      { user_id: "1", username: 42 },
    ]
  ) {
    const result = await verifyExternalToken(await sign(payload), keys(SECRET));
    assert.deepEqual(result, { ok: false, reason: "missing_claims" }, JSON.stringify(payload));
  }
});

Deno.test("claims over 100 characters are refused without error", async () => {
  const long = "x".repeat(101);
  for (const payload of [{ user_id: long, username: "a" }, { user_id: "1", username: long }]) {
    const result = await verifyExternalToken(await sign(payload), keys(SECRET));
    assert.deepEqual(result, { ok: false, reason: "invalid" });
  }
  const exactly100 = await sign({ user_id: "u".repeat(100), username: "n".repeat(100) });
  assert.equal((await verifyExternalToken(exactly100, keys(SECRET))).ok, true);
});

Deno.test("garbage, empty and huge tokens are refused", async () => {
  for (const token of ["", "abc", "a.b.c", "....", "x".repeat(10000), "eyJ.eyJ.sig"]) {
    assert.deepEqual(await verifyExternalToken(token, keys(SECRET)), {
      ok: false,
      reason: "invalid",
    });
  }
});
