/**
 * The local stand-in for Supabase's gateway: serves every function under `/api/<name>/…` (the
 * seed-compatible URLs) and `/functions/v1/<name>/…` (the hosted ones), passing each function
 * the path `/<name>/…` exactly as Supabase does, plus the health check at `GET /`.
 */
import type { Hono } from "hono";
import { APP_VERSION } from "../../shared/config.ts";
import type { Sql } from "../../shared/db/client.ts";
import { healthReport } from "../../shared/db/health.ts";
import type { AppEnv } from "../../shared/http/app.ts";
import { RETRY_AFTER_SECONDS } from "../../shared/http/errors.ts";

const PREFIXES = ["/api/", "/functions/v1/"];

/** Returns a fetch handler routing to `apps` by function name. */
export function createGateway(
  apps: Record<string, Hono<AppEnv>>,
  sql: Sql,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/" && request.method === "GET") {
      const report = await healthReport(sql, APP_VERSION);
      const headers: Record<string, string> = report.status === 503
        ? { "Retry-After": String(RETRY_AFTER_SECONDS) }
        : {};
      return Response.json(report.body, { status: report.status, headers });
    }
    for (const prefix of PREFIXES) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rest = url.pathname.slice(prefix.length - 1);
      const name = rest.split("/")[1];
      const app = apps[name];
      if (!app) break;
      url.pathname = rest;
      // A fresh request without the incoming signal: Deno aborts that signal once a response
      // is sent, which is not a cancellation the function should see.
      const forwarded = new Request(url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        duplex: "half",
      } as RequestInit);
      return await app.fetch(forwarded);
    }
    return Response.json({ detail: "Not found" }, { status: 404 });
  };
}
