/**
 * Delivering completion webhooks (contract §10): claim the due events, POST each to the
 * receiver signed per Standard Webhooks (the `standardwebhooks` package), record every attempt.
 * At least once: an event is sent again until a 2xx, on a doubling schedule, up to
 * {@link WEBHOOK_MAX_ATTEMPTS} attempts; receivers deduplicate by `webhook-id`.
 *
 * Loaded only when a delivery runs (after a completion, on the schedule, on an admin's retry).
 *
 * @module
 */
import { Webhook } from "standardwebhooks";
import { type DatabaseTimeouts, WEBHOOK_MAX_ATTEMPTS, type WebhookConfig } from "../config.ts";
import { asService } from "../db/as_service.ts";
import type { Sql } from "../db/client.ts";
import {
  type AttemptResult,
  claimDue,
  type ClaimedEvent,
  recordAttempts,
  type WebhookStatus,
} from "../db/webhooks.ts";

/** The event type of a completion. */
export const COMPLETED_EVENT = "onboarding.completed";

/** How many events one batch sends at once. */
const BATCH_SIZE = 10;

/** What a delivery run did. */
export interface DeliveryReport {
  /** Attempts made. */
  attempted: number;
  delivered: number;
  /** Events that will be tried again. */
  retrying: number;
  /** Events that used their last attempt. */
  failed: number;
}

/** Options of {@link deliverWebhooks}. */
export interface DeliveryOptions {
  /** Only these events (a completion's own first attempt); every due one when absent. */
  ids?: readonly string[];
  /** Stop starting batches after this many ms (default: one batch only). */
  budgetMs?: number;
  timeouts?: DatabaseTimeouts;
  /** For tests of the schedule: the fetch to send with. */
  fetch?: typeof fetch;
}

/**
 * Sends the due events (or only `options.ids`, when due) in batches of {@link BATCH_SIZE},
 * each batch's attempts at once, until none is due or `options.budgetMs` has passed, each event
 * at most once; resolves to what was done. Database errors reject (the events stay due or leased, and are taken again).
 */
export async function deliverWebhooks(
  sql: Sql,
  config: WebhookConfig,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const started = performance.now();
  const signer = new Webhook(config.secret);
  // The lease outlasts an attempt, so a slow receiver's event is not sent twice at once.
  const leaseSeconds = Math.ceil(config.timeoutMs / 1000) + 30;
  // One attempt per event and run: an event due again at once (no wait before a retry) waits
  // for the next run.
  const tried: string[] = [];
  do {
    const claimed = await asService(
      sql,
      (tx) => claimDue(tx, { limit: BATCH_SIZE, leaseSeconds, ids: options.ids, skip: tried }),
      options.timeouts,
    );
    if (claimed.length === 0) break;
    tried.push(...claimed.map((event) => event.id));
    const results = await Promise.all(
      claimed.map((event) => attempt(event, config, signer, options.fetch ?? fetch)),
    );
    const statuses = await asService(
      sql,
      (tx) =>
        recordAttempts(tx, results, {
          retryMinSeconds: config.retryMinSeconds,
          maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        }),
      options.timeouts,
    );
    count(report, statuses);
  } while (options.budgetMs !== undefined && performance.now() - started < options.budgetMs);
  return report;
}

/**
 * The body of `event`'s every attempt: made from what the outbox stored, so the same each time.
 * The export keeps the contract's key order.
 */
export function webhookBody(event: ClaimedEvent): string {
  return JSON.stringify({
    type: COMPLETED_EVENT,
    timestamp: event.created_at.toISOString(),
    data: {
      external_user_id: event.external_user_id,
      username: event.username,
      session_id: event.session_id,
      completed_at: event.completed_at.toISOString(),
      export: event.export,
    },
  });
}

// One POST of `event`: a 2xx delivers it; another status, no answer within the timeout or a
// failed connection does not. Never throws.
async function attempt(
  event: ClaimedEvent,
  config: WebhookConfig,
  signer: Webhook,
  send: typeof fetch,
): Promise<AttemptResult> {
  const body = webhookBody(event);
  const now = new Date();
  const started = performance.now();
  const result = (fields: Omit<AttemptResult, "eventId" | "attempt" | "durationMs">) => ({
    eventId: event.id,
    attempt: event.attempts,
    durationMs: performance.now() - started,
    ...fields,
  });
  try {
    const response = await send(config.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "onboarding-chatbot-api-webhooks",
        "webhook-id": event.id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signer.sign(event.id, now, body),
      },
      body,
      // A redirect is not a delivery: the receiver's address is configured, not discovered.
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    // The answer's body is not read; dropping it frees the connection.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return result({
      statusCode: response.status,
      ...(ok ? {} : { error: `the receiver answered ${response.status}` }),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return result({
      error: timedOut
        ? `no answer within ${config.timeoutMs} ms`
        : `no answer: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
    });
  }
}

function count(report: DeliveryReport, statuses: readonly WebhookStatus[]): void {
  for (const status of statuses) {
    report.attempted++;
    if (status === "delivered") report.delivered++;
    else if (status === "failed") report.failed++;
    else report.retrying++;
  }
}
