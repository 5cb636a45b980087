/**
 * Declaring a route: what the app runs (its method, path, middleware, the validation of its
 * path and query, its handler) and, beside it, what the OpenAPI document says about it.
 *
 * The documentation is a function, called only when the document is made
 * (`openapi_document.ts`), so a booting isolate builds none of the response schemas, examples
 * and descriptions, and loads no OpenAPI library (docs/benchmarks.md, "Cold boot"). The
 * validating schemas are the same objects the document is made from: one source of truth.
 *
 * @module
 */
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app.ts";
import { ApiError } from "./errors.ts";
import { hostileText } from "../hostile_text.ts";
import { invalidRequest } from "./json_body.ts";

/** What a route's documentation adds to its method, path, path and query parameters. */
export type OperationDocument =
  & Omit<
    RouteConfig,
    "method" | "path" | "middleware" | "hide" | "request"
  >
  & { request?: Omit<NonNullable<RouteConfig["request"]>, "params" | "query"> };

/** A route, as {@link declareRoute} takes it. */
export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: "get" | "post" | "patch";
  /** Relative to the function, OpenAPI style: `/data/{session_id}`. */
  path: string;
  /** Run before the parameters are validated (authentication, rate-limit accounting). */
  // deno-lint-ignore no-explicit-any -- middleware typed for a narrower environment fits too
  middleware?: MiddlewareHandler<any> | readonly MiddlewareHandler<any>[];
  /** Validates the path parameters (an object schema of strings). */
  params?: P;
  /** Validates the query (an object schema of strings). */
  query?: Q;
  /** The error for parameters that do not fit; a 400 naming the fields by default. */
  onInvalid?: (error: z.ZodError) => ApiError;
  /** The route's documentation: made when the OpenAPI document is, not at boot. */
  document: () => OperationDocument;
}

/** What a handler gets besides the context: the validated parameters. */
export interface RouteInput<P, Q> {
  params: P extends z.ZodType ? z.output<P> : undefined;
  query: Q extends z.ZodType ? z.output<Q> : undefined;
}

/** A declared route as the document generator reads it (its path relative to the function). */
export interface DeclaredRoute {
  method: "get" | "post" | "patch";
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  document: () => OperationDocument;
}

const declared = new WeakMap<Hono<AppEnv>, DeclaredRoute[]>();

/** The routes declared on `app`, in declaration order. */
export function declaredRoutes(app: Hono<AppEnv>): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}

/**
 * Adds a route to `app` and records it for the document. Path and query parameters are validated with the route's own
 * schemas before the handler runs; JSON and multipart bodies are validated by the handler
 * with the documented schema objects (`readJsonBody`, the upload's intake), which add what a
 * generic validator lacks: strict UTF-8, hostile text and the contract's 400 bodies. The
 * documented responses are not enforced at run time; the integration tests check every
 * response against them.
 */
export function declareRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(
  app: Hono<AppEnv>,
  spec: RouteSpec<P, Q>,
  handler: (c: Context<AppEnv>, input: RouteInput<P, Q>) => Response | Promise<Response>,
): void {
  const { method, path, middleware, params, query, onInvalid = invalidRequest } = spec;
  const list = declared.get(app) ?? [];
  declared.set(app, list);
  list.push({ method, path, params, query, document: spec.document });

  // Each request's path and query are read only by a route that validates them. Text the
  // database cannot store (a NUL, from `%00`) is refused first, whatever the schema says.
  const parse = (schema: z.ZodType, raw: Record<string, string>) => {
    refuseHostileParameters(raw);
    const result = schema.safeParse(raw);
    if (!result.success) throw onInvalid(result.error);
    return result.data;
  };
  const run: MiddlewareHandler<AppEnv> = async (c) =>
    await handler(c, {
      params: params && parse(params, c.req.param()),
      query: query && parse(query, c.req.query()),
    } as RouteInput<P, Q>);
  const honoPath = path.replace(/\{([A-Za-z0-9_]+)\}/g, ":$1");
  const handlers: MiddlewareHandler<AppEnv>[] = [...[middleware ?? []].flat(), run];
  app.on(method.toUpperCase(), [honoPath], ...(handlers as [MiddlewareHandler<AppEnv>]));
}

// A 400 naming the first path or query parameter that holds text the database cannot store.
function refuseHostileParameters(raw: Record<string, string>): void {
  for (const [name, value] of Object.entries(raw)) {
    const problem = hostileText(value);
    if (problem) {
      const message = `must not contain ${problem}`;
      throw new ApiError(400, `Invalid request: ${name}: ${message}`, {
        errors: [{ field: name, message }],
      });
    }
  }
}
