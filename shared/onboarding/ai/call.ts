/**
 * One structured-output call: `chat.completions.parse` with a zod response format (strict
 * JSON schema), then the answer checked again with the same schema, so a refusal, an empty
 * answer or anything not matching the schema becomes an error the caller can fall back on.
 */

import type { z } from "zod";
import type { AiConfig, ClientOptions } from "./client.ts";
import { getOpenAI } from "./client.ts";
import { AiOutputError } from "./errors.ts";
import type { PromptMessage } from "./prompt.ts";

/** Calls the configured model and returns its answer, validated by `schema`. */
export async function callStructured<S extends z.ZodType>(
  config: AiConfig,
  options: ClientOptions,
  messages: PromptMessage[],
  schema: S,
  name: string,
): Promise<z.output<S>> {
  const [client, { zodResponseFormat }] = await Promise.all([
    getOpenAI(config, options),
    import("openai/helpers/zod"),
  ]);
  let completion;
  try {
    completion = await client.chat.completions.parse({
      model: config.model,
      messages,
      response_format: zodResponseFormat(schema, name),
    });
  } catch (err) {
    // HTTP, timeout and connection errors keep their classes; anything else thrown while the
    // SDK reads the answer (a body that is not a completion at all) is a malformed answer.
    if (isTransportError(err)) throw err;
    throw new AiOutputError("malformed_output", err instanceof Error ? err.message : String(err));
  }
  const message = completion.choices[0]?.message;
  if (!message) throw new AiOutputError("malformed_output", "no choice in the completion");
  if (message.refusal) throw new AiOutputError("refusal", message.refusal.slice(0, 200));
  if (message.parsed === null || message.parsed === undefined) {
    throw new AiOutputError("malformed_output", "empty answer");
  }
  // The SDK already parsed with the schema; checking again costs nothing and keeps this
  // correct even if an SDK version stops validating.
  const checked = schema.safeParse(message.parsed);
  if (!checked.success) throw new AiOutputError("malformed_output", "answer does not match");
  return checked.data;
}

const TRANSPORT_ERRORS = new Set([
  "APIConnectionError",
  "APIConnectionTimeoutError",
  "APIUserAbortError",
  "ContentFilterFinishReasonError",
]);

// Errors from the request itself rather than from reading the answer.
function isTransportError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return TRANSPORT_ERRORS.has(err.constructor.name) ||
    typeof (err as { status?: unknown }).status === "number";
}
