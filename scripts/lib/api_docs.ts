/**
 * The API reference of the local server and of `deno task docs`: one OpenAPI document merged
 * from every function's own `GET /<fn>/openapi.json`, Swagger UI at `/docs` and ReDoc at
 * `/redoc`. The pages' scripts and styles come from the npm packages `swagger-ui-dist` and `redoc`
 * (its standalone bundle), read from the project's node_modules, so nothing loads from a CDN.
 */
// Imported only so that Deno installs both packages into node_modules with the project's
// pinned versions; the files the pages need are then read next to these package.json files.
import swaggerUiPackage from "swagger-ui-dist/package.json" with { type: "json" };
import redocPackage from "redoc/package.json" with { type: "json" };
import { APP_VERSION } from "../../shared/config.ts";

/** The parts of an OpenAPI 3.1 document that the merge reads; everything else passes through. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: OpenApiServer[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: { name: string; [key: string]: unknown }[];
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

/** An OpenAPI server entry, with its URL template variables. */
export interface OpenApiServer {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; description?: string; enum?: string[] }>;
}

/** Raised when two function documents disagree on something one document can hold once. */
export class OpenApiMergeError extends Error {
  override name = "OpenApiMergeError";
}

/** What the merged document says about where the API runs. */
export interface MergeOptions {
  /** The local server's port: the default of the `{port}` variable (default 8000). */
  port?: number;
  /** The default of the `{project_ref}` variable of the Supabase server. */
  projectRef?: string;
}

// HTTP methods of a path item; its other keys (parameters, summary, servers) are not operations.
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The servers of the merged document: the local server under `/api` and the hosted functions.
 * Function documents' paths start with the function name (`/chatbot/message`), which is what
 * both bases are followed by.
 */
export function apiServers(options: MergeOptions = {}): OpenApiServer[] {
  return [
    {
      url: "http://localhost:{port}/api",
      description: "Local dev server (deno task dev)",
      variables: { port: { default: String(options.port ?? 8000) } },
    },
    {
      url: "https://{project_ref}.supabase.co/functions/v1",
      description: "Supabase Edge Functions",
      variables: {
        project_ref: {
          default: options.projectRef ?? "your-project-ref",
          description: "The Supabase project reference (Project Settings → General)",
        },
      },
    },
  ];
}

/**
 * One document of all functions: their paths, components (schemas, securitySchemes, …) and tags,
 * with the local and Supabase servers. A path or tag declared by two functions, or a component
 * name whose two definitions differ, is an error rather than a silent choice. A function's
 * top-level `security` is copied onto its operations that have none, so that merging cannot
 * change which operations need a token.
 */
export function mergeOpenApiDocuments(
  documents: Record<string, OpenApiDocument>,
  options: MergeOptions = {},
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, { name: string; [key: string]: unknown }>();
  const owner = new Map<string, string>();

  for (const [fn, document] of Object.entries(documents)) {
    if (!/^3\.1\./.test(document.openapi ?? "")) {
      throw new OpenApiMergeError(`${fn}: expected OpenAPI 3.1, got ${document.openapi}`);
    }
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      if (paths[path]) {
        throw new OpenApiMergeError(`${path} is declared by both ${owner.get(path)} and ${fn}`);
      }
      owner.set(path, fn);
      paths[path] = withSecurity(item, document.security);
    }
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      const into = components[kind] ??= {};
      for (const [name, value] of Object.entries(entries ?? {})) {
        if (name in into && !sameJson(into[name], value)) {
          throw new OpenApiMergeError(`components.${kind}.${name} differs between functions`);
        }
        into[name] = value;
      }
    }
    for (const tag of document.tags ?? []) {
      const seen = tags.get(tag.name);
      if (seen && !sameJson(seen, tag)) {
        throw new OpenApiMergeError(`tag ${tag.name} is described differently by two functions`);
      }
      tags.set(tag.name, tag);
    }
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Onboarding Chatbot API",
      version: APP_VERSION,
      description: "Every edge function of the project in one document: " +
        `${Object.keys(documents).join(", ")}.`,
    },
    servers: apiServers(options),
    paths,
    ...(Object.keys(components).length ? { components } : {}),
    ...(tags.size ? { tags: [...tags.values()] } : {}),
  };
}

/** A path item whose operations carry `security` when their document declared it globally. */
function withSecurity(
  item: Record<string, unknown>,
  security: OpenApiDocument["security"],
): Record<string, unknown> {
  if (!security) return item;
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) =>
      METHODS.includes(key) && value && typeof value === "object" && !("security" in value)
        ? [key, { ...value, security }]
        : [key, value]
    ),
  );
}

/** Structural equality of two JSON values, ignoring key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).sort(([a], [b]) => a < b ? -1 : 1).map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}

/** Something that answers requests the way a Hono app's `request()` does. */
export interface DocumentSource {
  request(path: string): Response | Promise<Response>;
}

/**
 * Each function's own document, fetched through the app (`GET /<fn>/openapi.json`). A function
 * that does not answer 200 with a document is an error naming it: a merged reference silently
 * missing a function would mislead its readers.
 */
export async function functionDocuments(
  apps: Record<string, DocumentSource>,
): Promise<Record<string, OpenApiDocument>> {
  const documents: Record<string, OpenApiDocument> = {};
  for (const [fn, app] of Object.entries(apps)) {
    const response = await app.request(`/${fn}/openapi.json`);
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new OpenApiMergeError(
        `function ${fn} serves no OpenAPI document (GET /${fn}/openapi.json answered ` +
          `${response.status})`,
      );
    }
    documents[fn] = await response.json();
  }
  return documents;
}

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
      try {
        return Response.json(await document(), { headers: { "Cache-Control": "no-cache" } });
      } catch (error) {
        if (!(error instanceof OpenApiMergeError)) throw error;
        return Response.json({ detail: error.message }, { status: 500 });
      }
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
 * The dev server's handler: the reference of `apps` (merged from their own documents on each
 * request, servers for `options`) in front of `gateway`, which answers everything else.
 */
export function withApiDocs(
  apps: Record<string, DocumentSource>,
  gateway: (request: Request) => Promise<Response>,
  options: MergeOptions = {},
): (request: Request) => Promise<Response> {
  const docs = createApiDocsHandler(async () =>
    mergeOpenApiDocuments(await functionDocuments(apps), options)
  );
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
