/**
 * Every edge function of the project, by name, for the local server and the tests.
 */
import { createAuthApp } from "../../functions/auth/app.ts";
import { createChatbotApp } from "../../functions/chatbot/app.ts";
import type { AppDeps, FunctionApp } from "../../shared/http/app.ts";

/** Builds every function app with the same dependencies, keyed by function name. */
export function createFunctionApps(deps: AppDeps): Record<string, FunctionApp> {
  return { auth: createAuthApp(deps), chatbot: createChatbotApp(deps) };
}
