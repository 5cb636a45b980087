/**
 * The API reference of the dev server and of `deno task docs`: the merge of per-function
 * documents, the routes `/openapi.json`, `/docs`, `/redoc` and their npm assets, the static
 * folder, and both pages rendered by a real Chromium with nothing loaded from another host.
 * Fixture documents stand in for the functions' own, so these tests hold whatever the functions
 * declare.
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
import { launchChromium } from "../support/browser.ts";

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

/** A local server: the docs handler, then `fallback`, else 404. */
function serve(
  handle: (request: Request) => Promise<Response | undefined>,
  fallback: (request: Request) => Response | undefined = () => undefined,
): { port: number; close: () => Promise<void> } {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) =>
      await handle(request) ?? fallback(request) ?? new Response("Not found", { status: 404 }),
  );
  return { port: server.addr.port, close: () => server.shutdown() };
}

/** Serves a folder's files as a static host would (index.html for `/`). */
function staticFiles(folder: string) {
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    js: "text/javascript",
    css: "text/css",
    json: "application/json",
    png: "image/png",
  };
  return async (request: Request): Promise<Response | undefined> => {
    const path = new URL(request.url).pathname.replace(/^\/$/, "/index.html");
    if (path.includes("..")) return undefined;
    try {
      const body = await Deno.readFile(`${folder}${path}`);
      return new Response(body, { headers: { "Content-Type": types[path.split(".").pop()!] } });
    } catch {
      return undefined;
    }
  };
}

Deno.test({
  name: "Chromium renders Swagger UI (with Authorize and Try it out) and ReDoc, offline",
  // playwright-core keeps timers and pipes of its own between the browser's start and close.
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    // The API the pages try requests against: /api/auth/me echoes the Authorization header.
    const api = (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== "/api/auth/me") return undefined;
      return Response.json({ authorization: request.headers.get("authorization") });
    };
    let port = 0;
    const server = serve(
      createApiDocsHandler(() => mergeOpenApiDocuments(fixtures(), { port })),
      api,
    );
    port = server.port;
    const folder = await Deno.makeTempDir({ prefix: "api-docs-" });
    await writeStaticDocs(folder, mergeOpenApiDocuments(fixtures(), { port }));
    const site = serve(staticFiles(folder));

    const browser = await launchChromium();
    const foreign: string[] = [];
    const errors: string[] = [];
    try {
      const context = await browser.newContext();
      // Any request to another host fails the test, and is stopped before it leaves the machine.
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (["localhost", "127.0.0.1"].includes(url.hostname)) return route.continue();
        foreign.push(url.href);
        return route.abort();
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      // The page policy blocks foreign loads in the browser (ReDoc's logo): those errors are
      // expected; any other error means something the pages need failed.
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (/^Loading the image 'https:\/\/cdn\.redoc\.ly\/.*Content Security Policy/.test(text)) {
          return;
        }
        errors.push(text);
      });
      page.on("pageerror", (error) => errors.push(error.message));

      for (const base of [`http://localhost:${port}`, `http://localhost:${site.port}`]) {
        const swagger = base.endsWith(`:${port}`) ? "/docs" : "/";
        const redoc = base.endsWith(`:${port}`) ? "/redoc" : "/redoc.html";

        await page.goto(base + swagger);
        await page.locator(".opblock").nth(2).waitFor();
        assert.equal(await page.locator(".opblock").count(), 3, `${base}${swagger} operations`);
        const authorize = page.locator("button.authorize");
        assert.ok(await authorize.isVisible(), "Swagger UI shows Authorize");

        await page.goto(base + redoc);
        for (const summary of ["Fixture: the caller's identity", "Fixture: send a message"]) {
          await page.locator("h2", { hasText: summary }).waitFor();
        }
        assert.ok(await page.getByText("電子業").first().isVisible(), "ReDoc shows the example");
      }

      // Authorize with a token, then try GET /auth/me against the local server.
      await page.goto(`http://localhost:${port}/docs`);
      await page.locator("button.authorize").click();
      await page.locator(".modal-ux input").fill("test-token");
      await page.locator(".modal-ux button.authorize").click();
      await page.locator(".modal-ux button.close-modal").click();
      await page.locator("#operations-auth-authMe .opblock-summary").click();
      await page.locator("#operations-auth-authMe button.execute").click();
      const body = page.locator("#operations-auth-authMe .live-responses-table .microlight")
        .first();
      await body.waitFor();
      assert.match(await body.innerText(), /"authorization": "Bearer test-token"/);
    } finally {
      await browser.close();
      await server.close();
      await site.close();
      await Deno.remove(folder, { recursive: true });
    }
    assert.deepEqual(foreign, [], "no request left the machine");
    assert.deepEqual(errors, [], "the pages ran without errors");
  },
});
