/**
 * The API reference (contract §8): each function serves its OpenAPI 3.1 document, made from the
 * route declarations; the repository's `openapi.json` and the typed client's types are that
 * document as it is now; the response check the harness applies to every response refuses what
 * the document does not describe; and the typed client example type-checks and runs over HTTP.
 */
import assert from "node:assert/strict";
import { checkedRequest, createHarness, testUser } from "../support/harness.ts";
import { ResponseChecker } from "../support/openapi_check.ts";
import {
  CLIENT_TYPES_PATH,
  clientTypesText,
  documentText,
  OPENAPI_PATH,
} from "../../scripts/lib/openapi.ts";
import { apiDocument, SERVERS } from "../../shared/http/openapi_document.ts";
import { createFunctionApps, functionsDocument } from "../../scripts/lib/functions.ts";

const ROOT = new URL("../../", import.meta.url);

// deno-lint-ignore no-explicit-any
type Json = any;

/** The export keys of contract §5.8, in order. */
const EXPORT_KEYS = [
  "產業別",
  "資本總額（以臺幣為單位）",
  "發明專利數量",
  "新型專利數量",
  "公司認證資料數量",
  "ESG相關認證資料",
  "產品",
];

const OPERATIONS: Record<string, string[]> = {
  auth: ["get /auth/health", "get /auth/openapi.json", "get /auth/me"],
  chatbot: [
    "get /chatbot/health",
    "get /chatbot/openapi.json",
    "post /chatbot/sessions/new",
    "get /chatbot/sessions",
    "get /chatbot/sessions/latest",
    "get /chatbot/sessions/{session_id}/messages",
    "post /chatbot/message",
    "get /chatbot/data/current",
    "get /chatbot/data/{session_id}",
    "get /chatbot/export/all",
    "get /chatbot/export/{session_id}",
    "post /chatbot/upload-file",
    "post /chatbot/internal/deliver-webhooks",
  ],
  admin: [
    "get /admin/health",
    "get /admin/openapi.json",
    "get /admin/users",
    "patch /admin/users/{external_user_id}",
    "get /admin/export",
    "get /admin/metrics",
    "get /admin/activity",
    "get /admin/webhooks",
    "post /admin/webhooks/{id}/retry",
  ],
};

function operations(document: Json): [string, Json][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, operation]): [string, Json] => [
      `${method} ${path}`,
      operation,
    ])
  );
}

Deno.test("each function serves its OpenAPI 3.1 document without a token, cacheable", async () => {
  const harness = await createHarness();
  for (const [name, expected] of Object.entries(OPERATIONS)) {
    const response = await harness.fetch(`/api/${name}/openapi.json`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("Cache-Control"), "public, max-age=300");
    const document = await response.json();
    assert.equal(document.openapi, "3.1.0");
    assert.deepEqual(document.components.securitySchemes.bearerAuth, {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: document.components.securitySchemes.bearerAuth.description,
    });
    assert.deepEqual(operations(document).map(([key]) => key).sort(), [...expected].sort());
    for (const [key, operation] of operations(document)) {
      assert.ok(operation.summary && operation.description && operation.operationId, key);
      const statuses = Object.keys(operation.responses);
      assert.ok(statuses.includes("200") && statuses.includes("500"), key);
      const open = key.endsWith("/health") || key.endsWith("/openapi.json");
      // The scheduler's route: the deployment's INTERNAL_SECRET, no user, no rate limit.
      if (key.includes("/internal/")) {
        assert.deepEqual(operation.security, [{ internalSecret: [] }], key);
        for (const status of ["401", "404", "503"]) assert.ok(statuses.includes(status), key);
        continue;
      }
      assert.deepEqual(operation.security, open ? [] : [{ bearerAuth: [] }], key);
      if (!open) {
        for (const status of ["400", "401", "403", "429", "503"]) {
          assert.ok(statuses.includes(status), `${key} documents ${status}`);
        }
        assert.ok(operation.responses["200"].headers["X-RateLimit-Remaining"], key);
        assert.ok(operation.responses["429"].headers["Retry-After"], key);
      }
      for (const [status, response] of Object.entries(operation.responses) as [string, Json][]) {
        if (status === "200" || (key.endsWith("/health") && status === "503")) continue;
        assert.deepEqual(
          response.content["application/json"].schema,
          { $ref: "#/components/schemas/Error" },
          `${key} ${status}`,
        );
      }
      const headers = (operation.parameters ?? []).filter((p: Json) => p.in === "header");
      assert.equal(
        headers.some((p: Json) => p.name === "Idempotency-Key"),
        key.startsWith("post "),
        `${key}: Idempotency-Key`,
      );
    }
  }
});

Deno.test("the document describes bodies, the stream, the upload and the contract's examples", async () => {
  const harness = await createHarness();
  const document = await (await harness.fetch("/api/chatbot/openapi.json")).json();
  const message = document.paths["/chatbot/message"].post;
  assert.deepEqual(message.requestBody.content["application/json"].example, {
    message: "我的公司是電子業",
    session_id: 1,
  });
  const streamed = message.responses["200"].content["text/event-stream"];
  for (const event of ["delta", "reset", "done", "error"]) {
    assert.ok(streamed.schema.description.includes(`\`${event}\``), event);
  }
  const upload = document.paths["/chatbot/upload-file"].post.requestBody.content;
  const form = document.components.schemas[
    upload["multipart/form-data"].schema.$ref.split("/").pop()
  ];
  assert.deepEqual(form.properties.file.format, "binary");
  assert.deepEqual(form.required, ["file"]);
  const exported = document.paths["/chatbot/export/{session_id}"].get.responses["200"];
  assert.deepEqual(Object.keys(exported.content["application/json"].example), EXPORT_KEYS);
  assert.deepEqual(Object.keys(document.components.schemas.Export.properties), EXPORT_KEYS);
  const data = document.paths["/chatbot/data/{session_id}"].get;
  assert.equal(data.responses["200"].content["application/json"].example.capital_amount, 5000000);
  assert.equal(data.parameters[0].schema.type, "integer");
});

Deno.test("every example in the document fits its own schema", async () => {
  const document = await functionsDocument() as Json;
  const checker = new ResponseChecker(document);
  let checked = 0;
  for (const [key, operation] of operations(document)) {
    const [method, path] = key.split(" ");
    for (const [status, response] of Object.entries(operation.responses) as [string, Json][]) {
      const example = response.content?.["application/json"]?.example;
      if (example === undefined) continue;
      const url = path.replace(/\{[^}]+\}/g, "1");
      // The checker reads a clone, so one synthetic response serves.
      await checker.check(method, url, Response.json(example, { status: Number(status) }));
      checked++;
    }
  }
  assert.ok(checked > 50, `${checked} examples`);
});

Deno.test("the merged document has every function and both servers", async () => {
  const document = await functionsDocument() as Json;
  assert.deepEqual(document.servers, SERVERS);
  assert.equal(document.servers[1].variables.project_ref.default, "your-project-ref");
  const paths = Object.keys(document.paths);
  assert.ok(paths.includes("/auth/me") && paths.includes("/chatbot/message"), paths.join());
  const local = await apiDocument(
    createFunctionApps({ config: {} as never, sql: undefined as never }),
    { localUrl: "http://localhost:9999/api" },
  ) as Json;
  assert.equal(local.servers[0].url, "http://localhost:9999/api");
});

Deno.test("openapi.json and examples/api.d.ts are current (`deno task openapi` rewrites them)", async () => {
  const document = await functionsDocument();
  const stale = "is stale: run `deno task openapi`";
  assert.equal(
    await Deno.readTextFile(new URL(OPENAPI_PATH, ROOT)),
    documentText(document),
    `${OPENAPI_PATH} ${stale}`,
  );
  assert.equal(
    await Deno.readTextFile(new URL(CLIENT_TYPES_PATH, ROOT)),
    await clientTypesText(document),
    `${CLIENT_TYPES_PATH} ${stale}`,
  );
});

Deno.test("the response check refuses an undocumented status, field, shape or path", async () => {
  const checker = new ResponseChecker(await functionsDocument());
  const latest = "/api/chatbot/sessions/latest";
  const ok = { session_id: 1, status: "active", created_at: "2024-01-01T10:00:00.000Z" };
  await checker.check("GET", latest, Response.json(ok));
  await checker.check("GET", latest, Response.json({ session_id: null }));
  const refused = async (status: number, body: unknown, path = latest, pattern?: RegExp) => {
    await assert.rejects(
      checker.check("GET", path, Response.json(body, { status })),
      pattern ?? /document/,
    );
  };
  await refused(418, { detail: "I'm a teapot" }, latest, /does not list this status/);
  await refused(200, { ...ok, extra: 1 }, latest, /additional properties/);
  await refused(200, { session_id: "1" });
  await refused(200, { ...ok, created_at: "2024-01-01 10:00:00+08" });
  await refused(404, { detail: 1 });
  await refused(404, { detail: "Chat session not found", stack: "…" }, "/api/chatbot/data/1");
  await refused(200, [], "/api/chatbot/nowhere", /no operation/);
  await checker.check(
    "GET",
    "/api/chatbot/nowhere",
    Response.json({ detail: "Not found" }, {
      status: 404,
    }),
  );
  const text = new Response("hello", { headers: { "Content-Type": "text/plain" } });
  await assert.rejects(checker.check("GET", latest, text), /content type text\/plain/);
  // The harness's own check (every harness.fetch goes through it) refuses the same way.
  const liar = { request: () => Response.json({ session_id: 1, extra: true }) };
  await assert.rejects(checkedRequest(liar, "/chatbot/sessions/latest"), /additional properties/);
});

Deno.test("the typed client example type-checks and runs over HTTP", async () => {
  const harness = await createHarness();
  const user = await testUser();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, harness.handler);
  try {
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--check", "--allow-env", "--allow-net", "examples/typed_client.ts"],
      cwd: ROOT.pathname,
      env: {
        API_URL: `http://127.0.0.1:${server.addr.port}/api`,
        API_TOKEN: user.token,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(child.stderr);
    assert.equal(child.code, 0, stderr);
    const printed = JSON.parse(new TextDecoder().decode(child.stdout));
    assert.equal(printed.industry, "電子業");
    assert.equal(printed.fields_completed, 1);
    assert.ok(Number.isInteger(printed.session_id));
    assert.match(printed.reply, /電子業/);
  } finally {
    await server.shutdown();
  }
});
