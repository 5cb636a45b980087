/**
 * A typed client of the API: `openapi-fetch` with the types `openapi-typescript` generated from
 * `openapi.json` (`examples/api.d.ts`; `deno task openapi` regenerates both). Every path, body
 * and response below is checked by the type checker against the document.
 *
 * Run against the local server (`deno task dev`, then `deno task token <user_id> <username>`):
 *
 *     API_URL=http://localhost:8000/api API_TOKEN=<token> deno run --allow-env --allow-net examples/typed_client.ts
 *
 * On Supabase, `API_URL` is `https://<project_ref>.supabase.co/functions/v1`.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./api.d.ts";

/** What the example did: the new session, the reply to one message, and the data so far. */
export interface Walkthrough {
  session: components["schemas"]["NewSession"];
  reply: components["schemas"]["MessageResponse"];
  data: components["schemas"]["OnboardingData"];
}

/** Starts a session, answers its first question and reads the data collected, typed. */
export async function walkthrough(baseUrl: string, token: string): Promise<Walkthrough> {
  // JSON responses only (POST /chatbot/message can also stream `text/event-stream`).
  const api = createClient<paths, "application/json">({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
  });

  const started = await api.POST("/chatbot/sessions/new", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
  });
  if (!started.data) throw new Error(`sessions/new: ${started.error?.detail}`);
  const session = started.data;

  const sent = await api.POST("/chatbot/message", {
    body: { message: "我的公司是電子業", session_id: session.session_id },
  });
  if (!sent.data) throw new Error(`message: ${sent.error?.detail}`);

  const read = await api.GET("/chatbot/data/{session_id}", {
    params: { path: { session_id: session.session_id } },
  });
  if (!read.data) throw new Error(`data: ${read.error?.detail}`);
  return { session, reply: sent.data, data: read.data };
}

if (import.meta.main) {
  const baseUrl = Deno.env.get("API_URL") ?? "http://localhost:8000/api";
  const token = Deno.env.get("API_TOKEN");
  if (!token) {
    console.error("set API_TOKEN (deno task token <user_id> <username>)");
    Deno.exit(2);
  }
  const { session, reply, data } = await walkthrough(baseUrl, token);
  console.log(JSON.stringify({
    session_id: session.session_id,
    reply: reply.message,
    industry: data.industry,
    fields_completed: reply.progress.fields_completed,
  }));
}
