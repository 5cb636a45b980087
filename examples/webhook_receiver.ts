/**
 * A receiver of the API's completion webhooks (docs/api.md §10): verifies each request's
 * Standard Webhooks signature with the `standardwebhooks` package, hands each event to
 * `onEvent` once (deduplicated by `webhook-id`), and answers 204 at once.
 *
 * Run it beside the local server (the same secret in both):
 *
 *     WEBHOOK_SECRET=whsec_… deno run --allow-env --allow-net examples/webhook_receiver.ts
 *     WEBHOOK_URL=http://localhost:8787/ WEBHOOK_SECRET=whsec_… deno task dev
 *
 * Outside this repository, import `npm:standardwebhooks@1.1.1`.
 */
import { Webhook } from "standardwebhooks";

/** The body of an `onboarding.completed` event. */
export interface CompletedEvent {
  type: "onboarding.completed";
  timestamp: string;
  data: {
    external_user_id: string;
    username: string;
    session_id: number;
    completed_at: string;
    /** The export of contract §5.8, keys in the contract's order. */
    export: Record<string, unknown>;
  };
}

/**
 * A request handler that accepts only correctly signed, recent events (401 otherwise) and
 * calls `onEvent` once per `webhook-id`. Keep the ids seen in your database in production: a
 * retry after a lost answer sends the same event again.
 */
export function webhookReceiver(
  secret: string,
  onEvent: (event: CompletedEvent, id: string) => void,
): (request: Request) => Promise<Response> {
  const webhook = new Webhook(secret);
  const seen = new Set<string>();
  return async (request) => {
    const body = await request.text();
    let event: CompletedEvent;
    try {
      // Also refuses a timestamp more than 5 minutes away (a replayed request).
      event = webhook.verify(body, Object.fromEntries(request.headers)) as CompletedEvent;
    } catch {
      return new Response("invalid signature", { status: 401 });
    }
    const id = request.headers.get("webhook-id")!;
    if (!seen.has(id)) {
      seen.add(id);
      onEvent(event, id);
    }
    return new Response(null, { status: 204 });
  };
}

if (import.meta.main) {
  const receive = webhookReceiver(Deno.env.get("WEBHOOK_SECRET") ?? "", (event, id) => {
    console.log(id, event.data.external_user_id, JSON.stringify(event.data.export));
  });
  Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8787) }, receive);
}
