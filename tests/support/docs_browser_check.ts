/**
 * The browser half of tests/integration/api_docs_test.ts, run by it as a child process with
 * --allow-all: playwright-core reads /proc/sys when it loads, which Deno allows only with all
 * permissions, and `deno task test` grants named ones. Serves the reference of two fixture
 * documents (the dev server's routes, and the static folder of `deno task docs`), opens both
 * pages of each in Debian's Chromium and exits non-zero on the first failed check: operations
 * rendered, Swagger UI's Authorize and Try it out against the local server, no page error, and
 * no request to any host but this machine.
 */
import assert from "node:assert/strict";
import { createApiDocsHandler, writeStaticDocs } from "../../scripts/lib/api_docs.ts";
import { mergeOpenApiDocuments } from "../../shared/http/openapi_document.ts";
import { authFixture, chatbotFixture } from "./openapi_fixtures.ts";
import { launchChromium } from "./browser.ts";

const fixtures = () => [authFixture(), chatbotFixture()];

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

// The API the pages try requests against: /api/auth/me echoes the Authorization header.
const api = (request: Request) => {
  const url = new URL(request.url);
  if (url.pathname !== "/api/auth/me") return undefined;
  return Response.json({ authorization: request.headers.get("authorization") });
};
let port = 0;
const server = serve(
  createApiDocsHandler(() =>
    mergeOpenApiDocuments(fixtures(), { localUrl: `http://localhost:${port}/api` })
  ),
  api,
);
port = server.port;
const folder = await Deno.makeTempDir({ prefix: "api-docs-" });
await writeStaticDocs(
  folder,
  mergeOpenApiDocuments(fixtures(), { localUrl: `http://localhost:${port}/api` }),
);
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
