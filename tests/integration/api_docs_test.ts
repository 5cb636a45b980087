/**
 * The API reference of the dev server and of `deno task docs`: the merge of per-function
 * documents, the routes `/openapi.json`, `/docs`, `/redoc` and their npm assets, the static
 * folder, and both pages rendered by a real Chromium with nothing loaded from another host.
 * Fixture documents stand in for the functions' own, so these tests hold whatever the functions
 * declare. The browser checks run in a child process (tests/support/docs_browser_check.ts).
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  apiServers,
  createApiDocsHandler,
  functionDocuments,
  mergeOpenApiDocuments,
  type OpenApiDocument,
  OpenApiMergeError,
  withApiDocs,
  writeStaticDocs,
} from "../../scripts/lib/api_docs.ts";
import { authFixture, chatbotFixture } from "../support/openapi_fixtures.ts";

const fixtures = () => ({ auth: authFixture(), chatbot: chatbotFixture() });
const BEARER = [{ bearerAuth: [] }];

Deno.test("the merge keeps every function's paths, components and tags, with both servers", () => {
  const merged = mergeOpenApiDocuments(fixtures(), { port: 8123, projectRef: "abcd" });
  assert.equal(merged.openapi, "3.1.0");
  assert.deepEqual(Object.keys(merged.paths!), [
    "/auth/me",
    "/chatbot/message",
    "/chatbot/health",
  ]);
  assert.deepEqual(Object.keys(merged.components!.schemas!), ["Error"]);
  assert.deepEqual(Object.keys(merged.components!.securitySchemes!), ["bearerAuth"]);
  assert.deepEqual(merged.tags!.map((t) => t.name), ["auth", "chatbot"]);
  assert.deepEqual(merged.servers, apiServers({ port: 8123, projectRef: "abcd" }));
  assert.equal(merged.servers![0].url, "http://localhost:{port}/api");
  assert.equal(merged.servers![0].variables!.port.default, "8123");
  assert.equal(merged.servers![1].url, "https://{project_ref}.supabase.co/functions/v1");
  assert.equal(merged.servers![1].variables!.project_ref.default, "abcd");
  // auth's top-level security moves onto its operation; chatbot's own choices stay.
  const op = (path: string, method: string) =>
    (merged.paths![path][method] as { security?: unknown }).security;
  assert.deepEqual(op("/auth/me", "get"), BEARER);
  assert.deepEqual(op("/chatbot/message", "post"), BEARER);
  assert.deepEqual(op("/chatbot/health", "get"), []);
  assert.equal(merged.security, undefined);
});

Deno.test("the merge refuses what one document cannot hold twice", () => {
  const twice = { auth: authFixture(), other: authFixture() };
  assert.throws(
    () => mergeOpenApiDocuments(twice),
    (e) =>
      e instanceof OpenApiMergeError &&
      /\/auth\/me is declared by both auth and other/.test(e.message),
  );
  const chatbot = chatbotFixture();
  chatbot.components!.schemas!.Error = { type: "string" };
  assert.throws(
    () => mergeOpenApiDocuments({ auth: authFixture(), chatbot }),
    (e) => e instanceof OpenApiMergeError && /components\.schemas\.Error/.test(e.message),
  );
  const old = { ...authFixture(), openapi: "3.0.3" };
  assert.throws(() => mergeOpenApiDocuments({ auth: old }), /auth: expected OpenAPI 3\.1/);
});

/** Apps answering `GET /<fn>/openapi.json` with a fixture, as the real functions do. */
function fixtureApps(documents: Record<string, OpenApiDocument>): Record<string, Hono> {
  return Object.fromEntries(
    Object.entries(documents).map(([fn, document]) => {
      const app = new Hono();
      app.get(`/${fn}/openapi.json`, (c) => c.json(document));
      return [fn, app];
    }),
  );
}

Deno.test("each function's document is fetched from its app; one without is named", async () => {
  assert.deepEqual(await functionDocuments(fixtureApps(fixtures())), fixtures());
  const apps = { ...fixtureApps({ auth: authFixture() }), chatbot: new Hono() };
  await assert.rejects(
    functionDocuments(apps),
    /function chatbot serves no OpenAPI document \(GET \/chatbot\/openapi\.json answered 404\)/,
  );
});

Deno.test("the handler serves the document, both pages and their npm assets", async () => {
  const handle = createApiDocsHandler(() => mergeOpenApiDocuments(fixtures()));
  const get = async (path: string, method = "GET") =>
    await handle(new Request(`http://localhost${path}`, { method }));

  const document = (await get("/openapi.json"))!;
  assert.equal(document.status, 200);
  assert.deepEqual(await document.json(), mergeOpenApiDocuments(fixtures()));

  for (
    const [path, script] of [["/docs", "swagger-ui-bundle.js"], ["/redoc", "redoc.standalone.js"]]
  ) {
    const page = (await get(path))!;
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await page.text();
    assert.match(html, new RegExp(`src="assets/[a-z-]+/${script.replace(".", "\\.")}"`));
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, `${path} loads nothing from elsewhere`);
  }
  const expected: [string, string, number][] = [
    ["/assets/swagger-ui/swagger-ui-bundle.js", "text/javascript; charset=utf-8", 500_000],
    ["/assets/swagger-ui/swagger-ui.css", "text/css; charset=utf-8", 50_000],
    ["/assets/swagger-ui/favicon-32x32.png", "image/png", 100],
    ["/assets/redoc/redoc.standalone.js", "text/javascript; charset=utf-8", 500_000],
  ];
  for (const [path, type, atLeast] of expected) {
    const asset = (await get(path))!;
    assert.equal(asset.status, 200, path);
    assert.equal(asset.headers.get("content-type"), type, path);
    assert.ok((await asset.bytes()).length > atLeast, `${path} is the package's file`);
  }
  // Everything else is the gateway's.
  for (const path of ["/", "/api/auth/me", "/assets/other.js", "/docs/x"]) {
    assert.equal(await get(path), undefined, path);
  }
  assert.equal(await get("/docs", "POST"), undefined);

  const broken = createApiDocsHandler(() => {
    throw new OpenApiMergeError("function chatbot serves no OpenAPI document");
  });
  const failure = (await broken(new Request("http://localhost/openapi.json")))!;
  assert.equal(failure.status, 500);
  assert.deepEqual(await failure.json(), { detail: "function chatbot serves no OpenAPI document" });
});

Deno.test("the dev server's reference sits in front of the gateway, built from the apps", async () => {
  const apps = fixtureApps(fixtures());
  const seen: string[] = [];
  const gateway = (request: Request) => {
    seen.push(new URL(request.url).pathname);
    return Promise.resolve(new Response("gateway"));
  };
  const handle = withApiDocs(apps, gateway, { port: 9001 });
  const document = await (await handle(new Request("http://localhost/openapi.json"))).json();
  assert.deepEqual(document, mergeOpenApiDocuments(fixtures(), { port: 9001 }));
  assert.equal((await handle(new Request("http://localhost/redoc"))).status, 200);
  assert.equal(await (await handle(new Request("http://localhost/api/auth/me"))).text(), "gateway");
  assert.deepEqual(seen, ["/api/auth/me"]);
});

Deno.test("the static folder holds the pages, the document and every file they reference", async () => {
  const folder = await Deno.makeTempDir({ prefix: "api-docs-" });
  try {
    const document = mergeOpenApiDocuments(fixtures());
    const files = await writeStaticDocs(folder, document);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${folder}/openapi.json`)), document);
    for (const page of ["index.html", "redoc.html"]) {
      const html = await Deno.readTextFile(`${folder}/${page}`);
      const references = [...html.matchAll(/(?:src|href|spec-url|url: )"?=?"([^"]+)"/g)]
        .map((m) => m[1]);
      assert.ok(references.length >= 4, page);
      for (const reference of references) {
        assert.ok(files.includes(reference), `${page} references ${reference}, which is written`);
        await Deno.stat(`${folder}/${reference}`);
      }
    }
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("Chromium renders Swagger UI (with Authorize and Try it out) and ReDoc, offline", async () => {
  const check = new URL("../support/docs_browser_check.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-all", check],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, `the browser check failed:\n${output}`);
});
