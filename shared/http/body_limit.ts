/**
 * Hono's body limit, loaded by the first request that has a body: a health check, a token
 * check or a data read has none, and an isolate's first request should not pay for a module it
 * does not use (docs/benchmarks.md, "Cold boot").
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { lazy } from "../lazy.ts";

const loadBodyLimit = lazy(() => import("hono/body-limit"));

/**
 * Middleware refusing a request body over `maxSize` bytes while it streams in, whatever
 * Content-Length says, with `onError`'s response (or error). A request without a body passes
 * on, as it does through Hono's `bodyLimit`, which this loads on first use.
 */
export function limitBody(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  let limit: MiddlewareHandler | undefined;
  return async (c, next) => {
    if (!c.req.raw.body) return await next();
    limit ??= (await loadBodyLimit()).bodyLimit(options);
    return await limit(c, next);
  };
}
