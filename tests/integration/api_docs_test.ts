/**
 * The API reference of the dev server and of `deno task docs`: the routes `/openapi.json`, `/docs`, `/redoc` and their npm assets, the static
 * folder, and both pages rendered by a real Chromium with nothing loaded from another host.
 * Fixture documents stand in for the functions' own, so these tests hold whatever the functions
 * declare. The browser checks run in a child process (tests/support/docs_browser_check.ts).
 */
import assert from "node:assert/strict";
import { createApiDocsHandler, withApiDocs, writeStaticDocs } from "../../scripts/lib/api_docs.ts";
import { functionsDocument } from "../../scripts/lib/functions.ts";
import { mergeOpenApiDocuments } from "../../shared/http/openapi_document.ts";
import { runWithAllPermissions } from "../support/all_permissions.ts";
import { authFixture, chatbotFixture } from "../support/openapi_fixtures.ts";

const merged = () => mergeOpenApiDocuments([authFixture(), chatbotFixture()]);

Deno.test("the handler serves the document, both pages and their npm assets", async () => {
  const handle = createApiDocsHandler(merged);
  const get = async (path: string, method = "GET") =>
    await handle(new Request(`http://localhost${path}`, { method }));

  const document = (await get("/openapi.json"))!;
  assert.equal(document.status, 200);
  assert.deepEqual(await document.json(), merged());

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
});

Deno.test("the dev server's reference sits in front of the gateway, with every function", async () => {
  const seen: string[] = [];
  const gateway = (request: Request) => {
    seen.push(new URL(request.url).pathname);
    return Promise.resolve(new Response("gateway"));
  };
  const handle = withApiDocs(functionsDocument, gateway);
  const document = await (await handle(new Request("http://localhost/openapi.json"))).json();
  assert.deepEqual(document, JSON.parse(JSON.stringify(await functionsDocument())));
  for (const path of ["/auth/me", "/chatbot/message", "/chatbot/upload-file"]) {
    assert.ok(path in document.paths, path);
  }
  assert.equal((await handle(new Request("http://localhost/redoc"))).status, 200);
  assert.equal(await (await handle(new Request("http://localhost/api/auth/me"))).text(), "gateway");
  assert.deepEqual(seen, ["/api/auth/me"]);
});

Deno.test("the static folder holds the pages, the document and every file they reference", async () => {
  const folder = await Deno.makeTempDir({ prefix: "api-docs-" });
  try {
    const document = merged();
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
  const { code, output } = await runWithAllPermissions("run", "./docs_browser_check.ts");
  assert.equal(code, 0, `the browser check failed:\n${output}`);
});
