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
