/**
 * The API reference of the local server and of `deno task docs`: the OpenAPI document of every
 * function (`apiDocument`, shared/http/openapi_document.ts) at `/openapi.json`, Swagger UI at
 * `/docs` and ReDoc at `/redoc`. The pages' scripts and styles come from the npm packages `swagger-ui-dist` and `redoc`
 * (its standalone bundle), read from the project's node_modules, so nothing loads from a CDN.
 */
// Imported only so that Deno installs both packages into node_modules with the project's
// pinned versions; the files the pages need are then read next to these package.json files.
import swaggerUiPackage from "swagger-ui-dist/package.json" with { type: "json" };
import redocPackage from "redoc/package.json" with { type: "json" };
import type { OpenApiDocument } from "../../shared/http/openapi_document.ts";

/** A file the pages load, with where it is served (relative to the pages) and its type. */
export interface Asset {
  /** Path under the pages' folder, e.g. `assets/swagger-ui/swagger-ui.css`. */
  path: string;
  /** The file in the installed npm package. */
  source: URL;
  type: string;
}

/** The folder of an installed npm package, from its `package.json` resolved in node_modules. */
function packageFolder(specifier: string): URL {
  const resolved = import.meta.resolve(specifier);
  // `nodeModulesDir: "auto"` (deno.json) makes npm packages real files; without it Deno answers
  // with an `npm:` URL that cannot be read as a file.
  if (!resolved.startsWith("file:")) {
    throw new Error(`${specifier} is not in node_modules (resolved to ${resolved})`);
  }
  return new URL("./", resolved);
}

/** The npm files behind the pages; their package versions are pinned in deno.json. */
export function docsAssets(): Asset[] {
  const swagger = packageFolder("swagger-ui-dist/package.json");
  const redoc = packageFolder("redoc/package.json");
  return [
    {
      path: "assets/swagger-ui/swagger-ui-bundle.js",
      source: new URL("swagger-ui-bundle.js", swagger),
      type: "text/javascript; charset=utf-8",
    },
    {
      path: "assets/swagger-ui/swagger-ui.css",
      source: new URL("swagger-ui.css", swagger),
      type: "text/css; charset=utf-8",
    },
    {
      path: "assets/swagger-ui/favicon-32x32.png",
      source: new URL("favicon-32x32.png", swagger),
      type: "image/png",
    },
    {
      path: "assets/redoc/redoc.standalone.js",
      source: new URL("bundles/redoc.standalone.js", redoc),
      type: "text/javascript; charset=utf-8",
    },
  ];
}

/** The package versions the pages are built from, for the page footers and the report. */
export const DOCS_PACKAGES = {
  "swagger-ui-dist": swaggerUiPackage.version,
  redoc: redocPackage.version,
};

/** Where the two pages link to each other and find the document (relative URLs). */
export interface PageLinks {
  /** The document, relative to the page. */
  document: string;
  /** The Swagger UI page. */
  swagger: string;
  /** The ReDoc page. */
  redoc: string;
}

/** Relative URLs of the dev server: `/docs`, `/redoc`, `/openapi.json`, `/assets/…`. */
const SERVER_LINKS: PageLinks = { document: "openapi.json", swagger: "docs", redoc: "redoc" };

/** Relative URLs of the static folder: `index.html`, `redoc.html`, `openapi.json`, `assets/…`. */
const STATIC_LINKS: PageLinks = {
  document: "openapi.json",
  swagger: "index.html",
  redoc: "redoc.html",
};

/**
 * The pages' Content-Security-Policy: scripts, styles, fonts and images only from the pages' own
 * folder (and inline, for Swagger UI's start-up script and the styles both inject), so the
 * pages never load anything from a CDN — ReDoc's bundle would otherwise fetch its logo from
 * Redocly's. Requests the reader *tries* (`connect-src`) may go anywhere: the Supabase server.
 */
const PAGE_POLICY =
  "default-src 'self' data: blob: 'unsafe-inline'; worker-src 'self' blob:; connect-src *";

/**
 * A page of the reference: the policy above, a switch between the two pages and the document,
 * then `body`. `head` adds the page's own stylesheet.
 */
function referencePage(
  name: "Swagger UI" | "ReDoc",
  links: PageLinks,
  parts: { head?: string; body: string },
): string {
  const other = name === "Swagger UI"
    ? `<a href="${links.redoc}">ReDoc</a>`
    : `<a href="${links.swagger}">Swagger UI</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
<title>Onboarding Chatbot API – ${name}</title>
<link rel="icon" href="assets/swagger-ui/favicon-32x32.png">
${parts.head ?? ""}
<style>body { margin: 0 } .docs-switch { font: 14px sans-serif; padding: 8px 20px }</style>
</head>
<body>
<div class="docs-switch">${name} · ${other} · <a href="${links.document}">openapi.json</a></div>
${parts.body}
</body>
</html>
`;
}

/**
 * The Swagger UI page. `persistAuthorization` keeps the token pasted into "Authorize" across
 * reloads; `validatorUrl: null` stops Swagger UI from sending the document to its online
 * validator (a request to a foreign host).
 */
export function swaggerPage(links: PageLinks = SERVER_LINKS): string {
  return referencePage("Swagger UI", links, {
    head: `<link rel="stylesheet" href="assets/swagger-ui/swagger-ui.css">`,
    body: `<div id="swagger-ui"></div>
<script src="assets/swagger-ui/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(links.document)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  validatorUrl: null,
  tryItOutEnabled: true,
});
</script>`,
  });
}

/** The ReDoc page: the standalone bundle renders the `<redoc>` element from the document. */
export function redocPage(links: PageLinks = SERVER_LINKS): string {
  return referencePage("ReDoc", links, {
    body: `<redoc spec-url="${links.document}"></redoc>
<script src="assets/redoc/redoc.standalone.js"></script>`,
  });
}

/**
 * A handler for the dev server's reference routes: `GET /openapi.json`, `/docs`, `/redoc` and
 * `/assets/…`. It answers `undefined` for every other request, so that the caller passes those
 * on to the gateway. `document` is called per request so the document always reflects the apps.
 */
export function createApiDocsHandler(
  document: () => OpenApiDocument | Promise<OpenApiDocument>,
): (request: Request) => Promise<Response | undefined> {
  const assets = new Map(docsAssets().map((asset) => [`/${asset.path}`, asset]));
  const html = (body: string) =>
    new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const path = new URL(request.url).pathname;
    if (path === "/openapi.json") {
      return Response.json(await document(), { headers: { "Cache-Control": "no-cache" } });
    }
    if (path === "/docs") return html(swaggerPage());
    if (path === "/redoc") return html(redocPage());
    const asset = assets.get(path);
    if (!asset) return undefined;
    return new Response(await Deno.readFile(asset.source), {
      // The files change only with a package upgrade; an hour spares reloads while developing.
      headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" },
    });
  };
}

/**
 * The dev server's handler: the reference (`document`, made on each request) in front of
 * `gateway`, which answers everything else.
 */
export function withApiDocs(
  document: () => Promise<OpenApiDocument>,
  gateway: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  const docs = createApiDocsHandler(document);
  return async (request) => await docs(request) ?? await gateway(request);
}

/**
 * Writes the static reference into `folder`: `index.html` (Swagger UI), `redoc.html`,
 * `openapi.json` and `assets/`. Every link in it is relative, so any static host (or a folder
 * opened through a local web server) serves it as it is. Returns the written paths.
 */
export async function writeStaticDocs(
  folder: string,
  document: OpenApiDocument,
): Promise<string[]> {
  const files: [string, Uint8Array | string][] = [
    ["index.html", swaggerPage(STATIC_LINKS)],
    ["redoc.html", redocPage(STATIC_LINKS)],
    ["openapi.json", JSON.stringify(document, null, 2) + "\n"],
  ];
  for (const asset of docsAssets()) files.push([asset.path, await Deno.readFile(asset.source)]);
  for (const [path, content] of files) {
    const target = `${folder}/${path}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    if (typeof content === "string") await Deno.writeTextFile(target, content);
    else await Deno.writeFile(target, content);
  }
  return files.map(([path]) => path);
}
