/**
 * One structured-output call: `chat.completions.parse` with a zod response format (strict
 * JSON schema), then the answer checked again with the same schema, so a refusal, an empty
 * answer or anything not matching the schema becomes an error the caller can fall back on.
 * {@link streamStructured} is the same call streamed, for streamed chat responses.
 */

import type { z } from "zod";
import type { AiConfig, ClientOptions } from "./client.ts";
import { DEFAULT_POLICY, getOpenAI } from "./client.ts";
import { AiOutputError, AiProviderError } from "./errors.ts";
import type { PromptMessage } from "./prompt.ts";

/** Calls the configured model and returns its answer, validated by `schema`. */
export async function callStructured<S extends z.ZodType>(
  config: AiConfig,
  options: ClientOptions,
  messages: PromptMessage[],
  schema: S,
  name: string,
): Promise<z.output<S>> {
  const [client, format] = await Promise.all([
    getOpenAI(config, options),
    responseFormat(schema, name),
  ]);
  let completion;
  try {
    completion = await client.chat.completions.parse({
      model: config.model,
      messages,
      response_format: format,
    });
  } catch (err) {
    // HTTP, timeout and connection errors keep their classes; anything else thrown while the
    // SDK reads the answer (a body that is not a completion at all) is a malformed answer.
    if (isTransportError(err)) throw err;
    throw new AiOutputError("malformed_output", err instanceof Error ? err.message : String(err));
  }
  return checkAnswer(completion.choices[0]?.message, schema);
}

/**
 * {@link callStructured}, streamed (`chat.completions.stream`): `onContent` receives the
 * answer's raw JSON text as it grows (each call with everything received so far), and the
 * finished answer is checked exactly as `callStructured` checks it. The SDK's timeout and
 * retries cover the request until the stream starts; the whole call (stream included) is also
 * abandoned after `timeoutMs × (maxRetries + 1)` so a stalled stream cannot hold the turn.
 */
export async function streamStructured<S extends z.ZodType>(
  config: AiConfig,
  options: ClientOptions,
  messages: PromptMessage[],
  schema: S,
  name: string,
  onContent: (snapshot: string) => void,
): Promise<z.output<S>> {
  const [client, format] = await Promise.all([
    getOpenAI(config, options),
    responseFormat(schema, name),
  ]);
  const budget = (options.timeoutMs ?? DEFAULT_POLICY.timeoutMs) *
    ((options.maxRetries ?? DEFAULT_POLICY.maxRetries) + 1);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), budget);
  let completion;
  try {
    const stream = client.chat.completions.stream({
      model: config.model,
      messages,
      response_format: format,
    }, { signal: deadline.signal });
    stream.on("content.delta", ({ snapshot }) => onContent(snapshot));
    completion = await stream.finalChatCompletion();
  } catch (err) {
    if (deadline.signal.aborted) {
      throw new AiProviderError("timeout", `stream not finished after ${budget} ms`, {
        cause: err,
      });
    }
    if (isTransportError(err)) throw err;
    // fetch's own error when the connection breaks while the body streams in (the SDK wraps
    // it in a plain OpenAIError).
    const cause = err instanceof Error && err.cause instanceof TypeError ? err.cause : err;
    if (cause instanceof TypeError) {
      throw new AiProviderError("network", cause.message, { cause: err });
    }
    throw new AiOutputError("malformed_output", err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
  return checkAnswer(completion.choices[0]?.message, schema);
}

// The response formats made so far, per schema and name. Turning a zod schema into the strict
// JSON schema the API wants took about a fifth of an AI turn's CPU when done on every call; the
// result is a pure description (and a parser of the same schema), so it is made once.
const formats = new WeakMap<z.ZodType, Map<string, unknown>>();

async function responseFormat<S extends z.ZodType>(schema: S, name: string) {
  const { zodResponseFormat } = await import("openai/helpers/zod");
  const byName = formats.get(schema) ?? new Map<string, unknown>();
  formats.set(schema, byName);
  const made = (byName.get(name) ?? zodResponseFormat(schema, name)) as ReturnType<
    typeof zodResponseFormat<S>
  >;
  byName.set(name, made);
  return made;
}

/** What both calls check in the model's message: a choice, no refusal, the schema. */
function checkAnswer<S extends z.ZodType>(
  message: { refusal?: string | null; parsed?: unknown } | undefined,
  schema: S,
): z.output<S> {
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
