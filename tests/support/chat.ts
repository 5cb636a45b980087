/**
 * Conversation helpers for HTTP tests: JSON calls as a given user, and the contract's example
 * conversation run over HTTP.
 */
import assert from "node:assert/strict";
import { EXAMPLE_CONVERSATION } from "../../shared/onboarding/example_company.ts";
import type { Harness, TestUser } from "./harness.ts";

export { EXAMPLE_CONVERSATION, EXAMPLE_EXPORT } from "../../shared/onboarding/example_company.ts";

/** Sends a JSON request as `user`; returns the status and parsed body. */
export async function call(
  harness: Harness,
  user: TestUser,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const response = await harness.fetch(`/api/chatbot${path}`, {
    method,
    headers: user.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Starts a session as `user` and returns its id. */
export async function newSession(harness: Harness, user: TestUser): Promise<number> {
  const { status, body } = await call(harness, user, "POST", "/sessions/new");
  assert.equal(status, 200);
  return body.session_id;
}

/** Sends one message and asserts it was answered. Returns the response body. */
export async function say(harness: Harness, user: TestUser, sessionId: number, message: string) {
  const { status, body } = await call(harness, user, "POST", "/message", {
    session_id: sessionId,
    message,
  });
  assert.equal(status, 200, `${message}: ${JSON.stringify(body)}`);
  return body;
}

/** Runs the example conversation on a new session; returns the session id and last reply. */
export async function completeExample(harness: Harness, user: TestUser) {
  const sessionId = await newSession(harness, user);
  let last;
  for (const message of EXAMPLE_CONVERSATION) last = await say(harness, user, sessionId, message);
  return { sessionId, last };
}

/** Uploads `file` as `user` (to `sessionId`, or a new session when absent); returns the response. */
export function uploadFile(
  harness: Harness,
  user: TestUser,
  file: File,
  sessionId?: number,
): Promise<Response> {
  const form = new FormData();
  form.append("file", file);
  if (sessionId !== undefined) form.append("session_id", String(sessionId));
  return harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
}
