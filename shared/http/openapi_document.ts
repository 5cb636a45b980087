/**
 * The OpenAPI 3.1 documents (contract §8): one function's, served at `GET /<fn>/openapi.json`,
 * and all functions' merged into one, with the local and Supabase servers (`deno task openapi`,
 * the local server's `GET /openapi.json`).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import { APP_VERSION } from "../config.ts";
import { lazy } from "../lazy.ts";
import type { AppEnv } from "./app.ts";
import { BEARER_AUTH, BEARER_SCHEME, INTERNAL_AUTH, INTERNAL_SCHEME } from "./openapi.ts";
import { declaredRoutes } from "./routes.ts";

/** An OpenAPI 3.1 document, as JSON. */
export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

// The generator (and the zod-to-openapi library under it) is loaded by the first document, not
// when a function boots.
const loadGenerator = lazy(() => import("@hono/zod-openapi"));

/** The title of every document. */
export const API_TITLE = "Onboarding Chatbot API";

const DESCRIPTION = "A conversational onboarding assistant that collects a company's profile " +
  "and products in Traditional Chinese, by chat or from an uploaded document. Every endpoint " +
  "but health and this document needs `Authorization: Bearer <token>`. Errors are " +
  '`{"detail": "…"}`. Paths are as Supabase passes them to each function (`/chatbot/message`); ' +
  "locally they are under `/api`, on Supabase under `/functions/v1`.";

/** Where the merged document says the API is: the local server, and Supabase. */
export const SERVERS = [
  { url: "http://localhost:8000/api", description: "The local server (`deno task dev`)" },
  {
    url: "https://{project_ref}.supabase.co/functions/v1",
    description: "Supabase Edge Functions",
    variables: { project_ref: { default: "your-project-ref", description: "The project's ref" } },
  },
];

/**
 * The OpenAPI 3.1 document of one function app (as made by `createFunctionApp`): its declared
 * routes (`routes.ts`) at the paths the app serves them (`/chatbot/message`), with the bearer
 * security scheme. Each route's documentation is made here, on demand.
 */
export async function functionDocument(
  app: Hono<AppEnv>,
  name: string,
): Promise<OpenApiDocument> {
  const { OpenAPIHono } = await loadGenerator();
  const generator = new OpenAPIHono();
  for (const route of declaredRoutes(app)) {
    const { request, ...operation } = route.document();
    const parameters = { params: route.params, query: route.query };
    generator.openAPIRegistry.registerPath({
      method: route.method,
      path: `/${name}${route.path}`,
      ...operation,
      ...(request || route.params || route.query
        ? { request: { ...parameters, ...request } as never }
        : {}),
    });
  }
  const document = generator.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: `${API_TITLE}: ${name}`, version: APP_VERSION, description: DESCRIPTION },
    tags: [{ name, description: `The \`${name}\` edge function` }],
  });
  return {
    ...document,
    components: {
      ...document.components,
      securitySchemes: { [BEARER_AUTH]: BEARER_SCHEME, [INTERNAL_AUTH]: INTERNAL_SCHEME },
    },
  };
}

/**
 * Merges the documents of several functions into one: their paths and components together (a
 * component of the same name must be the same in all), `servers` the local server and Supabase
 * ({@link SERVERS}; `localUrl` replaces the local one, e.g. on another port).
 */
export function mergeOpenApiDocuments(
  documents: readonly OpenApiDocument[],
  options: { localUrl?: string } = {},
): OpenApiDocument {
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags: { name: string; description?: string }[] = [];
  for (const document of documents) {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      if (path in paths) throw new Error(`two functions document the path ${path}`);
      paths[path] = item;
    }
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      const merged = components[kind] ??= {};
      for (const [name, value] of Object.entries(entries ?? {})) {
        if (name in merged && JSON.stringify(merged[name]) !== JSON.stringify(value)) {
          throw new Error(`two functions define components.${kind}.${name} differently`);
        }
        merged[name] = value;
      }
    }
    tags.push(...(document.tags ?? []));
  }
  const servers = options.localUrl
    ? [{ ...SERVERS[0], url: options.localUrl }, SERVERS[1]]
    : SERVERS;
  return {
    openapi: "3.1.0",
    info: { title: API_TITLE, version: APP_VERSION, description: DESCRIPTION },
    servers,
    tags,
    paths,
    components,
  } as OpenApiDocument;
}

/** The merged document of `apps` (by function name, as `createFunctionApps` makes them). */
export async function apiDocument(
  apps: Record<string, Hono<AppEnv>>,
  options: { localUrl?: string } = {},
): Promise<OpenApiDocument> {
  return mergeOpenApiDocuments(
    await Promise.all(Object.entries(apps).map(([name, app]) => functionDocument(app, name))),
    options,
  );
}
