/**
 * The `chatbot` edge function: sessions, messages, collected data, export and upload.
 */
import type { Hono } from "hono";
import { type AppDeps, type AppEnv, createFunctionApp } from "../../shared/http/app.ts";

/** Builds the `chatbot` app. */
export function createChatbotApp(deps: AppDeps): Hono<AppEnv> {
  const app = createFunctionApp("chatbot", deps);
  return app;
}
