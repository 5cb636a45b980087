import assert from "node:assert/strict";
import { connect } from "../../shared/db/client.ts";
import { parseConfig } from "../../shared/config.ts";
import { createAuthApp } from "../../functions/auth/app.ts";
import { createChatbotApp } from "../../functions/chatbot/app.ts";
import { createFunctionApp, MAX_JSON_BODY_BYTES } from "../../shared/http/app.ts";
import { RETRY_AFTER_SECONDS } from "../../shared/http/errors.ts";
import { createGateway } from "../../scripts/lib/gateway.ts";
import { checkedRequest, createHarness, TEST_SECRET } from "../support/harness.ts";

const harness = await createHarness({ ALLOWED_ORIGINS: "https://app.example.com" });

Deno.test("health endpoints report a working database", async () => {
  for (
    const path of ["/", "/api/chatbot/health", "/api/auth/health", "/functions/v1/auth/health"]
  ) {
    const response = await harness.fetch(path);
    assert.equal(response.status, 200, path);
    assert.deepEqual(await response.json(), { status: "ok", version: "1.0.0", database: "ok" });
  }
});

Deno.test("health answers 503 when the database does not", async () => {
  // A port nothing listens on: the pool cannot connect.
  const sql = connect("postgres://postgres@127.0.0.1:1/none", { max: 1 });
  const deps = { config: parseConfig({ EXTERNAL_JWT_SECRET: TEST_SECRET }), sql };
  const apps = { auth: createAuthApp(deps), chatbot: createChatbotApp(deps) };
  const degraded = { status: "degraded", version: "1.0.0", database: "unavailable" };
  for (const [name, app] of Object.entries(apps)) {
    const response = await checkedRequest(app, `/${name}/health`);
    assert.equal(response.status, 503, name);
    assert.equal(response.headers.get("Retry-After"), String(RETRY_AFTER_SECONDS), name);
    assert.deepEqual(await response.json(), degraded);
  }
  // The local server's own health check at `GET /`, in front of the functions.
  const root = await createGateway(apps, sql)(new Request("http://localhost/"));
  assert.equal(root.status, 503);
  assert.equal(root.headers.get("Retry-After"), String(RETRY_AFTER_SECONDS));
  assert.deepEqual(await root.json(), degraded);
  await sql.end();
});

Deno.test("unknown routes are 404 in the contract's format", async () => {
  for (const path of ["/api/chatbot/nope", "/api/auth/nope", "/api/unknown/x", "/elsewhere"]) {
    const response = await harness.fetch(path);
    assert.equal(response.status, 404, path);
    assert.deepEqual(await response.json(), { detail: "Not found" });
  }
});

Deno.test("CORS preflight is answered for allowed origins only", async () => {
  const preflight = (origin: string) =>
    harness.fetch("/api/chatbot/message", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
  const allowed = await preflight("https://app.example.com");
  assert.equal(allowed.status, 204);
  assert.equal(allowed.headers.get("Access-Control-Allow-Origin"), "https://app.example.com");
  assert.match(allowed.headers.get("Access-Control-Allow-Headers") ?? "", /Authorization/);
  assert.match(allowed.headers.get("Access-Control-Allow-Methods") ?? "", /POST/);
  const refused = await preflight("https://evil.example.com");
  assert.equal(refused.headers.get("Access-Control-Allow-Origin"), null);
});

Deno.test("every response carries a request id; a sane incoming one is echoed", async () => {
  const generated = await harness.fetch("/api/auth/health");
  assert.match(generated.headers.get("X-Request-Id") ?? "", /^[0-9a-f-]{36}$/);
  const echoed = await harness.fetch("/api/auth/health", {
    headers: { "X-Request-Id": "abc-123" },
  });
  assert.equal(echoed.headers.get("X-Request-Id"), "abc-123");
  // Every character docs/api.md allows (1–128 of A-Za-z0-9._:-), at the longest.
  const traced = "trace.7f:span_01-".repeat(8).slice(0, 128);
  const kept = await harness.fetch("/api/auth/health", { headers: { "X-Request-Id": traced } });
  assert.equal(kept.headers.get("X-Request-Id"), traced);
  for (const bad of ["<script>alert(1)</script>", "a".repeat(129), "a=b", "a b", "a/b"]) {
    const replaced = await harness.fetch("/api/auth/health", { headers: { "X-Request-Id": bad } });
    assert.match(replaced.headers.get("X-Request-Id") ?? "", /^[0-9a-f-]{36}$/, bad);
  }
  // An error response carries it too.
  const missing = await harness.fetch("/api/auth/nowhere", { headers: { "X-Request-Id": "e-1" } });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get("X-Request-Id"), "e-1");
});

Deno.test("request bodies are capped while read, whatever Content-Length says", async () => {
  const deps = harness.deps;
  const app = createFunctionApp("probe", deps, { ownBodyLimit: ["/big"] });
  app.post("/echo", async (c) => c.json({ length: (await c.req.text()).length }));
  app.post("/big", async (c) => c.json({ length: (await c.req.text()).length }));

  const small = await app.request("/probe/echo", { method: "POST", body: "x".repeat(1000) });
  assert.deepEqual(await small.json(), { length: 1000 });

  const huge = "x".repeat(MAX_JSON_BODY_BYTES + 1);
  const refused = await app.request("/probe/echo", { method: "POST", body: huge });
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), { detail: "Request body too large" });

  // A streamed body has no Content-Length; it is still cut off once it grows too large.
  const stream = new Blob([huge]).stream();
  const streamed = await app.request("/probe/echo", {
    method: "POST",
    body: stream,
    duplex: "half",
  } as RequestInit);
  assert.equal(streamed.status, 400);

  const exempt = await app.request("/probe/big", { method: "POST", body: huge });
  assert.deepEqual(await exempt.json(), { length: huge.length });
});
