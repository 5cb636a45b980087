/**
 * A local OpenAI-compatible server for tests: the real `openai` SDK talks to it over HTTP on
 * 127.0.0.1, and each test scripts its answers (a structured result, an error status, a delay
 * past the client's timeout, or garbage). Every request body is recorded for assertions.
 */

/** One recorded request: the path and the parsed JSON body. */
export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A scripted answer: given the request (and its 0-based index), the HTTP response to send. */
export type FakeHandler = (
  request: RecordedRequest,
  index: number,
) => Response | Promise<Response>;

/** A running fake. */
export interface FakeOpenAI {
  /** The base URL to configure (`http://127.0.0.1:<port>/v1`). */
  baseUrl: string;
  /** The requests received so far, in order. */
  requests: RecordedRequest[];
  /** Stops the server (waits for in-flight requests). */
  close(): Promise<void>;
}

/** Starts a fake on a free port with `handler` answering every request. */
export function startFakeOpenAI(handler: FakeHandler): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const controller = new AbortController();
  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      signal: controller.signal,
      onListen: ({ port }) => {
        resolve({
          baseUrl: `http://127.0.0.1:${port}/v1`,
          requests,
          close: async () => {
            controller.abort();
            await server.finished;
          },
        });
      },
    }, async (req) => {
      const text = await req.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text);
      } catch {
        body = { _raw: text };
      }
      const recorded = { path: new URL(req.url).pathname, body, headers: req.headers };
      requests.push(recorded);
      return await handler(recorded, requests.length - 1);
    });
  });
}

/** A chat.completion whose message content is `content` (e.g. a JSON string). */
export function completion(content: string | null, extra: Record<string, unknown> = {}): Response {
  return Response.json({
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4o-mini",
    choices: [{
      index: 0,
      message: { role: "assistant", content, refusal: null, ...extra },
      finish_reason: "stop",
      logprobs: null,
    }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

/** A chat.completion carrying `result` as its JSON content (the structured-output shape). */
export function structured(result: unknown): Response {
  return completion(JSON.stringify(result));
}

/** An OpenAI-style error response; `retry-after-ms` keeps SDK retries quick in tests. */
export function errorResponse(status: number, message = "scripted failure"): Response {
  return Response.json(
    { error: { message, type: "server_error", param: null, code: null } },
    { status, headers: { "retry-after-ms": "10" } },
  );
}

/**
 * Waits `ms` (to answer after the client's timeout). `close()` waits for it, so keep it short;
 * the request's own abort signal is not used because Deno warns about its legacy behaviour.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Options of {@link streamed}. */
export interface StreamOptions {
  /** The content cut into these pieces, one chunk each (they must join to the content). */
  pieces?: string[];
  /** Otherwise, into how many about equal chunks the content is cut (default 8). */
  chunks?: number;
  /** Awaited before chunk `index` is sent (a test can hold the stream back). */
  beforeChunk?: (index: number) => unknown;
  /** Breaks the connection before chunk `index` (a provider failing mid-answer). */
  failAt?: number;
}

/**
 * A streamed chat completion (`stream: true`): `content` sent as `chat.completion.chunk`
 * server-sent events, then a `finish_reason` chunk and `data: [DONE]`.
 */
export function streamed(content: string, options: StreamOptions = {}): Response {
  const pieces = options.pieces ?? cut(content, options.chunks ?? 8);
  if (pieces.join("") !== content) throw new Error("the pieces do not join to the content");
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${
      JSON.stringify({
        id: "chatcmpl-test",
        object: "chat.completion.chunk",
        created: 1_700_000_000,
        model: "gpt-4o-mini",
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      })
    }\n\n`;
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index < pieces.length) {
        await options.beforeChunk?.(index);
        if (options.failAt === index) {
          controller.error(new Error("scripted disconnect"));
          return;
        }
        const delta = index === 0
          ? { role: "assistant", content: pieces[0], refusal: null }
          : { content: pieces[index] };
        controller.enqueue(encoder.encode(chunk(delta, null)));
      } else {
        controller.enqueue(encoder.encode(chunk({}, "stop") + "data: [DONE]\n\n"));
        controller.close();
      }
      index++;
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/** A streamed completion carrying `result` as its JSON content. */
export function structuredStream(result: unknown, options: StreamOptions = {}): Response {
  return streamed(JSON.stringify(result), options);
}

// `text` in `n` about equal pieces, never splitting a character.
function cut(text: string, n: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / n));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
  return pieces;
}
