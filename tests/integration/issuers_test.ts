/**
 * Tokens of another issuer (contract §12): a real JSON Web Key Set served over HTTP by this
 * test, tokens signed RS256, ES256 and EdDSA by its keys, and the API's answers to them, to
 * forged ones, and while the key set is unreachable.
 */
import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { JWKS_TIMEOUT_MS } from "../../shared/auth/jwks.ts";
import { RETRY_AFTER_SECONDS } from "../../shared/http/errors.ts";
import { uniqueUserId } from "../support/database.ts";
import { createHarness, type Harness, testUser } from "../support/harness.ts";

const ISSUER = "https://project.example.supabase.co/auth/v1";
const AUDIENCE = "authenticated";
const ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;
type Alg = typeof ALGORITHMS[number];

const pairs = Object.fromEntries(
  await Promise.all(
    ALGORITHMS.map(async (alg) => [alg, await generateKeyPair(alg, { extractable: true })]),
  ),
) as Record<Alg, CryptoKeyPair>;
const publicJwks = {
  keys: await Promise.all(ALGORITHMS.map(async (alg) => ({
    ...(await exportJWK(pairs[alg].publicKey)),
    kid: `key-${alg}`,
    alg,
    use: "sig",
  }))),
};

/** How the key set server answers: its keys, a 500, or nothing until the client gives up. */
let mode: "serve" | "error" | "hang" = "serve";
let fetches = 0;
const jwksServer = Deno.serve(
  { port: 0, hostname: "127.0.0.1", onListen: () => {} },
  async (request) => {
    fetches++;
    if (mode === "error") return new Response("down", { status: 500 });
    if (mode === "hang") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, JWKS_TIMEOUT_MS * 3);
        request.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return Response.json(publicJwks);
  },
);
const jwksBase = `http://127.0.0.1:${jwksServer.addr.port}/auth/v1/.well-known/jwks.json`;

// Each harness gets a URL of its own, and so a key set cache of its own (one per URL).
function harnessFor(name: string, env: Record<string, string> = {}): Promise<Harness> {
  return createHarness({
    JWT_JWKS_URL: `${jwksBase}?${name}`,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    ...env,
  });
}

interface Signing {
  kid?: string;
  key?: CryptoKey;
  issuer?: string;
  audience?: string;
  expires?: string | number;
}

function sign(alg: Alg, claims: Record<string, unknown>, how: Signing = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: how.kid ?? `key-${alg}` })
    .setIssuer(how.issuer ?? ISSUER)
    .setAudience(how.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(how.expires ?? "5m")
    .sign(how.key ?? pairs[alg].privateKey);
}

function me(harness: Harness, token: string): Promise<Response> {
  return harness.fetch("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
}

async function expectRefused(response: Response, detail = "Could not validate credentials") {
  assert.equal(response.status, 401);
  assert.equal(response.headers.get("WWW-Authenticate"), "Bearer");
  assert.deepEqual(await response.json(), { detail });
}

async function expectUnavailable(response: Response) {
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("Retry-After"), String(RETRY_AFTER_SECONDS));
  assert.deepEqual(await response.json(), { detail: "Service temporarily unavailable" });
}

const harness = await harnessFor("main");

Deno.test("RS256, ES256 and EdDSA tokens signed by a key of the set are accepted", async () => {
  mode = "serve";
  for (const alg of ALGORITHMS) {
    const userId = uniqueUserId();
    const response = await me(harness, await sign(alg, { user_id: userId, username: alg }));
    assert.equal(response.status, 200, alg);
    const body = await response.json();
    assert.equal(body.external_user_id, userId);
    assert.equal(body.username, alg);
  }
});

Deno.test("a Supabase Auth token: sub is the user id, email or preferred_username the name", async () => {
  mode = "serve";
  const sub = crypto.randomUUID();
  const supabase = await sign("ES256", { sub, email: "lin@example.com", role: "authenticated" });
  const body = await (await me(harness, supabase)).json();
  assert.equal(body.external_user_id, sub);
  assert.equal(body.username, "lin@example.com");
  const named = await sign("RS256", { sub: crypto.randomUUID(), preferred_username: "lin" });
  assert.equal((await (await me(harness, named)).json()).username, "lin");
  // user_id and username win when present.
  const both = await sign("EdDSA", { sub: "s", user_id: "u-1", username: "n", email: "e@x" });
  const bothBody = await (await me(harness, both)).json();
  assert.equal(bothBody.external_user_id, "u-1");
  assert.equal(bothBody.username, "n");
  // Neither id nor any name: the contract's missing-claims 401.
  await expectRefused(
    await me(harness, await sign("ES256", { role: "authenticated" })),
    "Invalid token: missing user_id or username",
  );
});

Deno.test("forged, foreign and stale tokens are 401", async () => {
  mode = "serve";
  const claims = { user_id: uniqueUserId(), username: "x" };
  const stranger = await generateKeyPair("ES256");
  const publicJwk = JSON.stringify(publicJwks.keys[0]);
  const b64 = (value: unknown) =>
    btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
  const cases: [string, string][] = [
    ["unknown kid", await sign("ES256", claims, { kid: "key-unknown", key: stranger.privateKey })],
    ["known kid, other key", await sign("ES256", claims, { key: stranger.privateKey })],
    ["wrong issuer", await sign("RS256", claims, { issuer: "https://elsewhere.example" })],
    ["wrong audience", await sign("RS256", claims, { audience: "someone-else" })],
    ["expired", await sign("EdDSA", claims, { expires: Math.floor(Date.now() / 1000) - 600 })],
    [
      "HS256 signed with the public key (algorithm confusion)",
      await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: "key-RS256" })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m")
        .sign(new TextEncoder().encode(publicJwk)),
    ],
    ["alg none", `${b64({ alg: "none", kid: "key-RS256" })}.${b64(claims)}.`],
    ["alg none, typ JWT", `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`],
    [
      "an algorithm the key set does not allow",
      await new SignJWT(claims).setProtectedHeader({ alg: "RS384", kid: "key-RS256" })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m")
        .sign((await generateKeyPair("RS384")).privateKey),
    ],
  ];
  for (const [what, token] of cases) {
    const response = await me(harness, token);
    assert.equal(response.status, 401, what);
    await expectRefused(response);
  }
});

Deno.test("an unknown kid fetches the set again at most once a minute", async () => {
  mode = "serve";
  const fresh = await harnessFor("cooldown");
  const claims = { user_id: uniqueUserId(), username: "x" };
  assert.equal((await me(fresh, await sign("ES256", claims))).status, 200);
  const before = fetches;
  const stranger = await generateKeyPair("ES256");
  for (let i = 0; i < 3; i++) {
    const token = await sign("ES256", claims, { kid: `rotated-${i}`, key: stranger.privateKey });
    await expectRefused(await me(fresh, token));
  }
  // The set was fetched when it was new; an unknown kid inside the cooldown fetches nothing.
  assert.equal(fetches - before, 0);
});

Deno.test("the key set unreachable: its tokens are 503, HS256 tokens still work, then recovery", async () => {
  const claims = { user_id: uniqueUserId(), username: "x" };
  const hs256 = (await testUser()).headers;
  for (const failure of ["error", "hang"] as const) {
    mode = failure;
    const outage = await harnessFor(`outage-${failure}`);
    const started = performance.now();
    await expectUnavailable(await me(outage, await sign("RS256", claims)));
    assert.ok(
      performance.now() - started < JWKS_TIMEOUT_MS + 2_000,
      `${failure}: answered in time`,
    );
    const main = await outage.fetch("/api/auth/me", { headers: hs256 });
    assert.equal(main.status, 200, `${failure}: the main system's token`);
    // The failure is not remembered: once the set answers, the same token is accepted.
    mode = "serve";
    assert.equal((await me(outage, await sign("RS256", claims))).status, 200, failure);
  }
  // Nothing listening at all.
  const closed = Deno.listen({ port: 0, hostname: "127.0.0.1" });
  const port = (closed.addr as Deno.NetAddr).port;
  closed.close();
  const refused = await createHarness({
    JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
  });
  await expectUnavailable(await me(refused, await sign("EdDSA", claims)));
  assert.equal((await refused.fetch("/api/auth/me", { headers: hs256 })).status, 200);
});

Deno.test("keys already fetched keep working while the set is down", async () => {
  mode = "serve";
  const cached = await harnessFor("cached");
  const claims = { user_id: uniqueUserId(), username: "x" };
  assert.equal((await me(cached, await sign("ES256", claims))).status, 200);
  mode = "error";
  try {
    for (const alg of ALGORITHMS) {
      assert.equal((await me(cached, await sign(alg, claims))).status, 200, alg);
    }
  } finally {
    mode = "serve";
  }
});

Deno.test("without JWT_JWKS_URL an asymmetric token is refused like any foreign one", async () => {
  mode = "serve";
  const plain = await createHarness();
  const before = fetches;
  await expectRefused(await me(plain, await sign("RS256", { user_id: "1", username: "x" })));
  assert.equal(fetches, before);
});

globalThis.addEventListener("unload", () => {
  jwksServer.shutdown();
});
