/**
 * `POST /internal/deliver-webhooks` (contract §10): what the schedule calls (on Supabase,
 * `pg_cron` through `pg_net`) to send the webhook events that are due. Authenticated by the
 * `INTERNAL_SECRET` bearer token, not a user's; absent (404) when that secret is not set.
 */
import { z } from "zod";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { bearerToken } from "../../../shared/http/auth.ts";
import { ApiError, Detail, unauthorized } from "../../../shared/http/errors.ts";
import { errorResponses, INTERNAL_AUTH, json } from "../../../shared/http/openapi.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { sha256Hex } from "../../../shared/sha256.ts";
import { loadDeliverer } from "../../../shared/webhooks/send.ts";

/** How long one call keeps sending batches: well inside an Edge Function's 150 s. */
const DELIVERY_BUDGET_MS = 30_000;

const reportSchema = () =>
  z.strictObject({
    attempted: z.number().int().meta({ description: "Attempts made by this call" }),
    delivered: z.number().int(),
    retrying: z.number().int().meta({ description: "Events that will be tried again" }),
    failed: z.number().int().meta({ description: "Events that used their last attempt" }),
  }).meta({ id: "DeliveryReport" });

/** Adds the scheduler's routes to the chatbot app. */
export function internalRoutes(app: FunctionApp, deps: AppDeps): void {
  const secret = deps.config.internalSecret;
  declareRoute(app, {
    method: "post",
    path: "/internal/deliver-webhooks",
    document: () => ({
      operationId: "deliverWebhooks",
      tags: ["chatbot"],
      summary: "Send the due webhook events (for the scheduler)",
      description: "Called every minute by the schedule (on Supabase, `pg_cron` and `pg_net`; " +
        "locally, a timer in the dev server) with `Authorization: Bearer <INTERNAL_SECRET>`. " +
        "Sends the due events for up to 30 s and reports what it did. 404 when " +
        "`INTERNAL_SECRET` is not set.",
      security: [{ [INTERNAL_AUTH]: [] }],
      responses: {
        200: {
          description: "What this call did",
          content: json(reportSchema(), { attempted: 2, delivered: 1, retrying: 1, failed: 0 }),
        },
        ...errorResponses([401, 404, 500, 503], {
          401: { description: "Not the internal secret", detail: Detail.credentials },
          404: { description: "`INTERNAL_SECRET` is not set", detail: Detail.notFound },
        }, false),
      },
    }),
  }, async (c) => {
    if (!secret) throw new ApiError(404, Detail.notFound);
    const token = bearerToken(c.req.header("Authorization")) ?? "";
    // Compared as digests: the time taken says nothing about the secret.
    if (await sha256Hex(token) !== await sha256Hex(secret)) throw unauthorized();
    const webhook = deps.config.webhook;
    if (!webhook) return c.json({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    const { deliverWebhooks } = await loadDeliverer();
    const report = await deliverWebhooks(deps.sql, webhook, {
      budgetMs: DELIVERY_BUDGET_MS,
      timeouts: deps.config.databaseTimeouts,
    });
    return c.json(report);
  });
}
