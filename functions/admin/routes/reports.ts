/**
 * `GET /admin/export` and `GET /admin/metrics` (contract §9): each user's latest completed
 * export, for the main system to catch up with, and the onboarding funnel.
 */
import { z } from "zod";
import { funnelMetrics } from "../../../shared/db/metrics.ts";
import { latestCompletions } from "../../../shared/db/onboarding.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import {
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { keysetPage, pageLimit } from "../../../shared/http/paging.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { EXAMPLE_EXPORT } from "../../../shared/onboarding/example_company.ts";
import { toExportRecord } from "../../../shared/onboarding/export.ts";
import { adminErrors, adminOnly } from "./common.ts";

/** An RFC 3339 time with its offset, as a query parameter. */
const time = (description: string) =>
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional().meta({
    param: { description },
    example: EXAMPLE_TIME,
  });

// The export's cursor: the last item's completion time in microseconds and its session id.
const CURSOR = /^([0-9]{1,17})-([1-9][0-9]{0,9})$/;

const ExportQuery = z.object({
  since: time("Only completions at or after this time (RFC 3339)"),
  limit: pageLimit(200, 50),
  cursor: z.string().regex(CURSOR).optional().meta({
    param: { description: "`next_cursor` of the previous page" },
  }),
});

const EXPORT_QUERY_ERROR = "Invalid request: since must be an RFC 3339 time, limit 1–200, " +
  "cursor a previous next_cursor";

const MetricsQuery = z.object({
  from: time("Sessions started at or after this time (RFC 3339); all when absent"),
  to: time("Sessions started before this time (RFC 3339); up to now when absent"),
});

const METRICS_QUERY_ERROR = "Invalid request: from and to must be RFC 3339 times";

const exportSchema = documentOnly(() => {
  const { TimestampSchema, ExportSchema } = documentSchemas();
  return keysetPage(
    z.strictObject({
      external_user_id: z.string(),
      username: z.string(),
      session_id: z.number().int(),
      completed_at: TimestampSchema,
      data: ExportSchema,
    }),
    "AdminExportPage",
    "null on the last page; keep the last one to pull only what completes later",
  );
});

const count = () => z.number().int().min(0);

const metricsSchema = documentOnly(() =>
  z.strictObject({
    sessions_started: count(),
    sessions_completed: count().meta({ description: "Of the sessions started in the window" }),
    completion_rate: z.number().min(0).max(1).nullable().meta({
      description: "sessions_completed / sessions_started; null when none started",
    }),
    median_minutes_to_complete: z.number().min(0).nullable().meta({
      description: "From start to completion, of the completed ones; null when none",
    }),
    drop_off: z.strictObject({
      industry: count(),
      capital_amount: count(),
      invention_patent_count: count(),
      utility_patent_count: count(),
      certification_count: count(),
      esg_certification: count(),
      products: count(),
      confirmation: count(),
    }).meta({
      description: "Active sessions untouched for over 24 h, by the item they were asked last",
    }),
    uploads: z.strictObject({
      pdf: count(),
      docx: count(),
      txt: count(),
      image: count(),
      failed: count().meta({ description: "Of those above, the ones that could not be read" }),
    }).meta({ description: "Files uploaded in the window, by kind" }),
    ai_turns: count().meta({ description: "Turns in the window for which a model was asked" }),
    ai_fallbacks: count().meta({
      description: "Of those, the ones the rule engine answered because the model failed",
    }),
  }).meta({ id: "AdminMetrics" })
);

/** Adds `GET /export` and `GET /metrics` to the admin app. */
export function reportRoutes(app: FunctionApp, deps: AppDeps): void {
  const middleware = adminOnly(deps.config);

  declareRoute(app, {
    method: "get",
    path: "/export",
    middleware,
    query: ExportQuery,
    onInvalid: () => new ApiError(400, EXPORT_QUERY_ERROR),
    document: () => ({
      operationId: "adminExport",
      tags: ["admin"],
      summary: "Latest completed exports",
      description: "Each user's latest completed session as its export (contract §5.8), " +
        "oldest completion first, one page at a time (keyset pagination: pass `next_cursor` " +
        "as `cursor`). For a main system that missed webhooks: keep the last cursor, or pass " +
        "`since`, to pull only what completed later.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "One page of exports",
          headers: successHeaders(),
          content: json(exportSchema(), {
            items: [{
              external_user_id: "12345",
              username: "john_doe",
              session_id: 7,
              completed_at: EXAMPLE_TIME,
              data: EXAMPLE_EXPORT,
            }],
            next_cursor: null,
          }),
        },
        ...adminErrors(EXPORT_QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    const match = query.cursor ? CURSOR.exec(query.cursor) : null;
    const page = await withUser(c, deps, (tx) =>
      latestCompletions(tx, {
        since: query.since,
        limit: query.limit,
        after: match ? { micros: match[1], sessionId: Number(match[2]) } : undefined,
      }));
    return c.json({
      items: page.items.map(({ snapshot, ...completion }) => ({
        ...completion,
        data: toExportRecord(snapshot),
      })),
      next_cursor: page.next ? `${page.next.micros}-${page.next.sessionId}` : null,
    });
  });

  declareRoute(app, {
    method: "get",
    path: "/metrics",
    middleware,
    query: MetricsQuery,
    onInvalid: () => new ApiError(400, METRICS_QUERY_ERROR),
    document: () => ({
      operationId: "adminMetrics",
      tags: ["admin"],
      summary: "Onboarding metrics",
      description: "The funnel of the sessions started in [`from`, `to`): how many started " +
        "and completed, how long completing took, where idle ones stopped; and the uploads " +
        "and model turns of the same window. One database query whatever the number of users.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The metrics of the window",
          headers: successHeaders(),
          content: json(metricsSchema(), {
            sessions_started: 40,
            sessions_completed: 30,
            completion_rate: 0.75,
            median_minutes_to_complete: 6.5,
            drop_off: {
              industry: 1,
              capital_amount: 2,
              invention_patent_count: 0,
              utility_patent_count: 0,
              certification_count: 1,
              esg_certification: 0,
              products: 3,
              confirmation: 1,
            },
            uploads: { pdf: 12, docx: 5, txt: 2, image: 1, failed: 1 },
            ai_turns: 210,
            ai_fallbacks: 4,
          }),
        },
        ...adminErrors(METRICS_QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    if (query.from && query.to && query.from >= query.to) {
      throw new ApiError(400, "Invalid request: from must be before to");
    }
    const metrics = await withUser(
      c,
      deps,
      (tx) => funnelMetrics(tx, { from: query.from, to: query.to }),
    );
    return c.json(metrics);
  });
}
