/**
 * Conversation helpers for HTTP tests: JSON calls as a given user, and the contract's example
 * conversation.
 */
import assert from "node:assert/strict";
import type { Harness, TestUser } from "./harness.ts";

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

/** The messages of the contract's example company, one answer per question. */
export const EXAMPLE_CONVERSATION = [
  "我的公司是電子業",
  "500萬",
  "10",
  "5",
  "3",
  "有，ISO 14064、ISO 14067",
  "產品ID：P001\n產品名稱：智能晶片\n價格：1000元\n主要原料：矽晶圓\n產品規格：10nm製程\n技術優勢：低功耗、高效能",
  "沒有了",
  "確認",
];

/** The export of contract §5.8, character for character. */
export const EXAMPLE_EXPORT = {
  "產業別": "電子業",
  "資本總額（以臺幣為單位）": 5000000,
  "發明專利數量": 10,
  "新型專利數量": 5,
  "公司認證資料數量": 3,
  "ESG相關認證資料": "有",
  "產品": [
    {
      "產品ID": "P001",
      "產品名稱": "智能晶片",
      "價格": "1000元",
      "主要原料": "矽晶圓",
      "產品規格(尺寸、精度)": "10nm製程",
      "技術優勢": "低功耗、高效能",
    },
  ],
};

/** Runs the example conversation on a new session; returns the session id and last reply. */
export async function completeExample(harness: Harness, user: TestUser) {
  const sessionId = await newSession(harness, user);
  let last;
  for (const message of EXAMPLE_CONVERSATION) last = await say(harness, user, sessionId, message);
  return { sessionId, last };
}
