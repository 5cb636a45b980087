/**
 * The `chatbot` edge function: sessions, messages, collected data, export and upload.
 */
import type { Hono } from "hono";
import { type AppDeps, type AppEnv, createFunctionApp } from "../../shared/http/app.ts";
import { requireAuth } from "../../shared/http/auth.ts";
import { ruleEngine } from "../../shared/onboarding/engine/rule_engine.ts";
import type { ConversationEngine } from "../../shared/onboarding/engine/types.ts";
import { dataRoutes } from "./routes/data.ts";
import { messageRoutes } from "./routes/message.ts";
import { sessionRoutes } from "./routes/sessions.ts";

const AUTHENTICATED_PATHS = ["/sessions", "/sessions/*", "/message", "/data/*", "/export/*"];

/** Builds the `chatbot` app; `engine` defaults to the rule-based one. */
export function createChatbotApp(
  deps: AppDeps,
  engine: ConversationEngine = ruleEngine,
): Hono<AppEnv> {
  const app = createFunctionApp("chatbot", deps);
  // Every route but health needs a caller; listed by path so unknown paths still get a 404.
  const auth = requireAuth(deps.config.jwtSecrets);
  for (const path of AUTHENTICATED_PATHS) app.use(path, auth);
  sessionRoutes(app, deps);
  messageRoutes(app, deps, engine);
  dataRoutes(app, deps);
  return app;
}
