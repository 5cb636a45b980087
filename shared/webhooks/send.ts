/**
 * Starting a webhook delivery without making a response wait for it: the first attempt right
 * after a completion commits, and after an admin's retry (contract §10).
 *
 * @module
 */
import type { AppDeps } from "../http/app.ts";
import { lazy } from "../lazy.ts";

/** The deliverer and its signing library, loaded only when something is sent. */
export const loadDeliverer = lazy(() => import("./deliver.ts"));

/** Supabase's edge runtime: keeps an isolate alive for work a response does not wait for. */
interface EdgeRuntimeGlobal {
  EdgeRuntime?: { waitUntil(promise: Promise<unknown>): void };
}

/**
 * Attempts the events `ids` now, in the background: the response does not wait, and on
 * Supabase `EdgeRuntime.waitUntil` keeps the isolate alive until the attempt is recorded.
 * Nothing when webhooks are not configured. A failure is logged, never thrown: the event stays
 * pending, and the schedule sends it.
 */
export function sendInBackground(deps: AppDeps, ids: readonly string[], requestId?: string): void {
  const webhook = deps.config.webhook;
  if (!webhook || ids.length === 0) return;
  const work = loadDeliverer()
    .then(({ deliverWebhooks }) =>
      deliverWebhooks(deps.sql, webhook, { ids, timeouts: deps.config.databaseTimeouts })
    )
    .catch((error) =>
      console.error(JSON.stringify({
        level: "error",
        event: "webhook_delivery_failed",
        request_id: requestId,
        error: error instanceof Error ? error.message : String(error),
      }))
    );
  (globalThis as EdgeRuntimeGlobal).EdgeRuntime?.waitUntil(work);
}
