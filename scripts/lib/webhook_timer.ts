/**
 * The dev server's stand-in for the deployed schedule (contract §10): where Supabase runs
 * `pg_cron` to call `POST /chatbot/internal/deliver-webhooks` every minute, the local server
 * sends the due webhook events from a timer.
 *
 * @module
 */
import type { WebhookConfig } from "../../shared/config.ts";
import type { Sql } from "../../shared/db/client.ts";
import { deliverWebhooks } from "../../shared/webhooks/deliver.ts";

/** A running timer. */
export interface WebhookTimer {
  stop(): void;
}

/**
 * Every `everyMs`, sends the due events (one run at a time: a run still going when the next is
 * due is not doubled). A failed run is logged and the next one tries again.
 */
export function startWebhookTimer(
  sql: Sql,
  config: WebhookConfig,
  everyMs: number,
): WebhookTimer {
  let running = false;
  const id = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const report = await deliverWebhooks(sql, config, { budgetMs: everyMs });
      if (report.attempted > 0) console.log(`webhooks: ${JSON.stringify(report)}`);
    } catch (error) {
      console.error(`webhooks: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }, everyMs);
  return { stop: () => clearInterval(id) };
}
