/**
 * `GET /admin/webhooks` and `POST /admin/webhooks/{id}/retry` (contract §9, §10): the completion
 * events and how their delivery went, and sending one again.
 */
import { z } from "zod";
import { retryEvent, webhookPage } from "../../../shared/db/webhooks.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import {
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { keysetCursor, keysetPage, pageLimit } from "../../../shared/http/paging.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { sendInBackground } from "../../../shared/webhooks/send.ts";
import { adminErrors, adminOnly } from "./common.ts";

const WebhooksQuery = z.object({
  status: z.enum(["pending", "delivered", "failed"]).optional().meta({
    param: { description: "Only events in this state" },
  }),
  limit: pageLimit(200, 50),
  cursor: keysetCursor(),
});

const QUERY_ERROR = "Invalid request: status must be pending, delivered or failed, limit " +
  "1–200, cursor a previous next_cursor";

const EventPath = z.object({
  id: z.string().regex(/^msg_[0-9a-f]{32}$/).meta({
    param: { description: "The event's `webhook-id`" },
    example: "msg_0f8e7c1a2b3d4e5f60718293a4b5c6d7",
  }),
});

/** The detail of a 404: no event has this id. */
const EVENT_NOT_FOUND = "Webhook event not found";

/** One event, made with the document. */
const eventSchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return z.strictObject({
    id: z.string().meta({ description: "The `webhook-id` every attempt carries" }),
    type: z.literal("onboarding.completed"),
    external_user_id: z.string(),
    session_id: z.number().int(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int().meta({
      description: "Attempts since the event was written or last retried (at most 12)",
    }),
    created_at: TimestampSchema,
    next_attempt_at: TimestampSchema.nullable().meta({
      description: "When a pending event is tried next; null otherwise",
    }),
    delivered_at: TimestampSchema.nullable(),
    last_error: z.string().nullable().meta({ description: "Why the last attempt failed" }),
    last_status_code: z.number().int().nullable().meta({
      description: "The receiver's status at the last attempt; null when none came",
    }),
  }).meta({ id: "WebhookEvent" });
});

const EVENT_EXAMPLE = {
  id: "msg_0f8e7c1a2b3d4e5f60718293a4b5c6d7",
  type: "onboarding.completed",
  external_user_id: "12345",
  session_id: 7,
  status: "failed",
  attempts: 12,
  created_at: EXAMPLE_TIME,
  next_attempt_at: null,
  delivered_at: null,
  last_error: "the receiver answered 500",
  last_status_code: 500,
};

/** Adds `GET /webhooks` and `POST /webhooks/{id}/retry` to the admin app. */
export function webhookRoutes(app: FunctionApp, deps: AppDeps): void {
  const middleware = adminOnly(deps.config);

  declareRoute(app, {
    method: "get",
    path: "/webhooks",
    middleware,
    query: WebhooksQuery,
    onInvalid: () => new ApiError(400, QUERY_ERROR),
    document: () => ({
      operationId: "adminWebhooks",
      tags: ["admin"],
      summary: "Webhook events",
      description: "Completion events and where their delivery stands, newest first, one page " +
        "at a time (keyset pagination: pass `next_cursor` as `cursor`).",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "One page of events",
          headers: successHeaders(),
          content: json(keysetPage(eventSchema(), "WebhookPage"), {
            items: [EVENT_EXAMPLE],
            next_cursor: null,
          }),
        },
        ...adminErrors(QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    const page = await withUser(c, deps, (tx) =>
      webhookPage(tx, {
        status: query.status,
        limit: query.limit,
        before: query.cursor,
      }));
    return c.json(page);
  });

  declareRoute(app, {
    method: "post",
    path: "/webhooks/{id}/retry",
    middleware,
    params: EventPath,
    onInvalid: () => new ApiError(404, EVENT_NOT_FOUND),
    document: () => ({
      operationId: "adminRetryWebhook",
      tags: ["admin"],
      summary: "Send a webhook event again",
      description: "Makes the event pending and due now, with a fresh count of 12 attempts " +
        "(the earlier attempts stay recorded), and makes the first attempt at once, in the " +
        "background. For a failed event once the receiver is fixed; a delivered one is sent " +
        "again with the same `webhook-id`.",
      security: BEARER_SECURITY,
      request: { headers: documentSchemas().IdempotencyHeaders },
      responses: {
        200: {
          description: "The event, pending again",
          headers: successHeaders(),
          content: json(eventSchema(), {
            ...EVENT_EXAMPLE,
            status: "pending",
            attempts: 0,
            next_attempt_at: EXAMPLE_TIME,
          }),
        },
        ...adminErrors("Bad request", {
          404: { description: "No event has this id", detail: EVENT_NOT_FOUND },
        }, [404]),
      },
    }),
  }, async (c, { params }) => {
    // A repeat under the same Idempotency-Key answers as the first did, and sends nothing more.
    await expectIdempotency(c, { id: params.id });
    const event = await withUser(c, deps, (tx) => retryEvent(tx, params.id), {
      response: (event) => event && { status: 200, body: event },
    });
    if (!event) throw new ApiError(404, EVENT_NOT_FOUND);
    sendInBackground(deps, [event.id], c.get("requestId"));
    return c.json(event);
  });
}
