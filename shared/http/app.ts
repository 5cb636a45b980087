/**
 * The app factory every edge function starts from: request id, CORS, the contract's error
 * bodies, 404s in the same format, the health route and the function's OpenAPI document.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { APP_VERSION, type Config } from "../config.ts";
import { lazy } from "../lazy.ts";
import { limitBody } from "./body_limit.ts";
import type { Sql } from "../db/client.ts";
import { healthReport } from "../db/health.ts";
import type { AuthVariables } from "./auth.ts";
import { ApiError, Detail, handleError, RETRY_AFTER_SECONDS } from "./errors.ts";
import { documentOnly, documentSchemas, errorResponses, json } from "./openapi.ts";
import { functionDocument } from "./openapi_document.ts";
import { declareRoute } from "./routes.ts";
import { z } from "zod";
import {
  IDEMPOTENCY_HEADER,
  type IdempotencyVariables,
  IdempotentReplay,
  REPLAYED_HEADER,
  replayResponse,
} from "./idempotency.ts";
import { RATE_LIMIT_HEADERS, type RateLimitVariables } from "./rate_limits.ts";

/** Largest JSON body accepted (a 4,000-character message is at most ~24 KB even escaped). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** What a function app needs from the outside world; tests build it, `runtime.ts` does in prod. */
export interface AppDeps {
  config: Config;
  /** The privileged pool; user work goes through `withUser`, which applies RLS. */
  sql: Sql;
}

/** The Hono environment of every function app. */
export type AppEnv = {
  Variables:
    & AuthVariables
    // The request's id: the client's X-Request-Id when it is sane, else a new UUID.
    & { requestId: string }
    & RateLimitVariables
    & IdempotencyVariables
    // Set by the request's first `withUser`: it was counted and its key looked up.
    & { admitted: boolean | undefined };
};

const openApiDocumentSchema = documentOnly(() =>
  z.looseObject({ openapi: z.string() }).meta({ id: "OpenApiDocument" })
);

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** A function's app: a Hono app whose routes are declared with `declareRoute` (`routes.ts`). */
export type FunctionApp = Hono<AppEnv>;

/** Options of {@link createFunctionApp}. */
export interface FunctionAppOptions {
  /** Routes (relative to the function) that enforce their own, larger body limit. */
  ownBodyLimit?: string[];
}

/**
 * Creates the Hono app of the function `name`, answering under `/<name>` as Supabase routes it,
 * with `GET /<name>/health` and `GET /<name>/openapi.json`. A path or query parameter that does
 * not fit its route's schema is a 400 naming the fields (unless the route says otherwise).
 * Request bodies are capped at {@link MAX_JSON_BODY_BYTES} while
 * they are read (a lying or absent Content-Length does not help), except on `ownBodyLimit`
 * routes. Routes are added by the caller.
 */
export function createFunctionApp(
  name: string,
  deps: AppDeps,
  options: FunctionAppOptions = {},
): FunctionApp {
  const app = new Hono<AppEnv>().basePath(`/${name}`);
  app.use("*", async (c, next) => {
    // A client's own id is kept, so its logs and ours meet; one that is not 1–128 plain
    // characters is replaced: a hostile id must not reach the logs.
    const incoming = c.req.header("X-Request-Id");
    const valid = incoming !== undefined && REQUEST_ID_PATTERN.test(incoming);
    c.set("requestId", valid ? incoming : crypto.randomUUID());
    await next();
    c.header("X-Request-Id", c.get("requestId"));
  });
  app.use(
    "*",
    cors({
      origin: deps.config.allowedOrigins,
      allowMethods: ["GET", "POST", "PATCH", "OPTIONS"],
      allowHeaders: [
        "Authorization",
        "Content-Type",
        "X-Request-Id",
        IDEMPOTENCY_HEADER,
        "apikey",
        "x-client-info",
      ],
      exposeHeaders: ["X-Request-Id", ...RATE_LIMIT_HEADERS, "Retry-After", REPLAYED_HEADER],
      maxAge: 86400,
    }),
  );
  const jsonBodyLimit = limitBody({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw new ApiError(400, Detail.bodyTooLarge);
    },
  });
  const exempt = new Set((options.ownBodyLimit ?? []).map((path) => `/${name}${path}`));
  app.use("*", (c, next) => exempt.has(c.req.path) ? next() : jsonBodyLimit(c, next));
  app.onError((error, c) =>
    error instanceof IdempotentReplay ? replayResponse(c, error) : handleError(error, c)
  );
  app.notFound((c) => c.json({ detail: Detail.notFound }, 404));
  declareRoute(app, {
    method: "get",
    path: "/health",
    document: () => {
      const { HealthSchema } = documentSchemas();
      return {
        operationId: `${name}Health`,
        tags: [name],
        summary: "Health",
        description: "Whether the function is up and its database answers. No authentication.",
        security: [],
        responses: {
          200: {
            description: "Up, and the database answers",
            content: json(HealthSchema, { status: "ok", version: APP_VERSION, database: "ok" }),
          },
          503: {
            description: "The database does not answer",
            content: json(HealthSchema, {
              status: "degraded",
              version: APP_VERSION,
              database: "unavailable",
            }),
            headers: {
              "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
            },
          },
          ...errorResponses([400, 500], {}, false),
        },
      };
    },
  }, async (c) => {
    const report = await healthReport(deps.sql, APP_VERSION);
    const retry: Record<string, string> = report.status === 503
      ? { "Retry-After": String(RETRY_AFTER_SECONDS) }
      : {};
    return c.json(report.body, report.status, retry);
  });
  // Made on first request, when every route of the function has been added.
  const openApiDocument = lazy(() => functionDocument(app, name));
  declareRoute(app, {
    method: "get",
    path: "/openapi.json",
    document: () => ({
      operationId: `${name}OpenApi`,
      tags: [name],
      summary: "This function's OpenAPI document",
      description: "The OpenAPI 3.1 document of this function's routes, generated from the " +
        "schemas that validate its requests. No authentication; cacheable for 5 minutes.",
      security: [],
      responses: {
        200: {
          description: "An OpenAPI 3.1 document",
          content: json(openApiDocumentSchema()),
          headers: { "Cache-Control": { schema: { type: "string" } } },
        },
        ...errorResponses([400, 500], {}, false),
      },
    }),
  }, async (c) => {
    return c.json(await openApiDocument(), 200, { "Cache-Control": "public, max-age=300" });
  });
  return app;
}
