/**
 * Per-user rate limits (contract §11): which limits a request counts against, whether it is
 * over one, and the `X-RateLimit-*` headers of the tightest. The counting itself is one
 * statement of the request's own transaction (`recordRequest`, sent by `withUser`).
 */
import type { MiddlewareHandler } from "hono";
import type { RateLimits } from "../config.ts";
import type { RecentRequests, RequestKind, WindowCount } from "../db/rate_limits.ts";
import { ApiError } from "./errors.ts";

export type { RequestKind } from "../db/rate_limits.ts";

/** Variables of the Hono context this module uses (unset: a plain request). */
export type RateLimitVariables = { requestKind: RequestKind | undefined };

/** The headers every counted response carries, of the tightest limit. */
export const RATE_LIMIT_HEADERS = [
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
] as const;

/** Hono middleware marking the route's requests as `kind` (unmarked ones are plain requests). */
export function countsAs(kind: RequestKind): MiddlewareHandler<{ Variables: RateLimitVariables }> {
  return async (c, next) => {
    c.set("requestKind", kind);
    await next();
  };
}

/** One limit: its size, its window and which counts of {@link RecentRequests} it reads. */
interface Limit {
  max: number;
  windowSeconds: number;
  counts: keyof RecentRequests;
}

// The limits a request of `kind` counts against, the ones turned off (0) left out.
function limitsFor(limits: RateLimits, kind: RequestKind): Limit[] {
  const all: (Limit & { kinds: RequestKind[] })[] = [
    {
      max: limits.requestsPerMinute,
      windowSeconds: 60,
      counts: "requests",
      kinds: ["request", "message", "upload"],
    },
    { max: limits.messagesPerMinute, windowSeconds: 60, counts: "messages", kinds: ["message"] },
    { max: limits.uploadsPerHour, windowSeconds: 3600, counts: "uploads", kinds: ["upload"] },
  ];
  return all.filter((limit) => limit.max > 0 && limit.kinds.includes(kind));
}

/** Whether any limit applies to a request of `kind` (if none, nothing is counted). */
export function isLimited(limits: RateLimits, kind: RequestKind): boolean {
  return limitsFor(limits, kind).length > 0;
}

/** The decision on one request: its `X-RateLimit-*` headers, and whether it is refused. */
export interface RateVerdict {
  headers: Record<string, string>;
  /** Set when over a limit: the seconds to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/**
 * Judges a request of `kind`, given the caller's earlier requests: it is over a limit when,
 * counted, it would exceed it. The headers describe the tightest limit (the one exceeded, else
 * the one with the fewest requests left); `X-RateLimit-Reset` is the seconds until that limit's
 * oldest counted request leaves its window (its whole window when there is none).
 */
export function judgeRequest(
  limits: RateLimits,
  kind: RequestKind,
  recent: RecentRequests,
): RateVerdict {
  const judged = limitsFor(limits, kind).map((limit) => {
    const window: WindowCount = recent[limit.counts];
    const used = window.count + 1;
    return {
      limit,
      remaining: Math.max(0, limit.max - used),
      exceeded: used > limit.max,
      reset: Math.max(1, window.oldestLeavesInSeconds ?? limit.windowSeconds),
    };
  });
  const tightest = judged.reduce((a, b) =>
    a.exceeded !== b.exceeded
      ? (a.exceeded ? a : b)
      : a.remaining !== b.remaining
      ? (a.remaining < b.remaining ? a : b)
      : (a.reset >= b.reset ? a : b)
  );
  const [limitHeader, remainingHeader, resetHeader] = RATE_LIMIT_HEADERS;
  const headers = {
    [limitHeader]: String(tightest.limit.max),
    [remainingHeader]: String(tightest.remaining),
    [resetHeader]: String(tightest.reset),
  };
  return tightest.exceeded ? { headers, retryAfterSeconds: tightest.reset } : { headers };
}

/** The 429 of a refused request, with its `Retry-After` and rate-limit headers. */
export function tooManyRequests(verdict: RateVerdict): ApiError {
  return new ApiError(429, "Too many requests", {
    headers: { ...verdict.headers, "Retry-After": String(verdict.retryAfterSeconds ?? 1) },
  });
}
