/**
 * The `chatbot` edge function: sessions, messages, collected data, export and upload, and the
 * scheduler's webhook delivery.
 */
import { type AppDeps, createFunctionApp, type FunctionApp } from "../../shared/http/app.ts";
import { requireAuth } from "../../shared/http/auth.ts";
import type { ConversationEngine } from "../../shared/onboarding/engine/mod.ts";
import { dataRoutes } from "./routes/data.ts";
import { internalRoutes } from "./routes/internal.ts";
import { messageRoutes } from "./routes/message.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { uploadRoutes } from "./routes/upload.ts";
import type { BlobStore } from "../../shared/storage/blob_store.ts";
import { selectBlobStore } from "../../shared/storage/select.ts";

const AUTHENTICATED_PATHS = [
  "/sessions",
  "/sessions/*",
  "/message",
  "/data/*",
  "/export/*",
  "/upload-file",
];

/** What the chatbot app can be given instead of its defaults (tests inject these). */
export interface ChatbotOptions {
  /** A fixed conversation engine; by default AI mode when configured, else rule-based. */
  engine?: ConversationEngine;
  /** Where uploads are stored; chosen from the configuration by default. */
  store?: BlobStore;
}

/** Builds the `chatbot` app. */
export function createChatbotApp(deps: AppDeps, options: ChatbotOptions = {}): FunctionApp {
  const app = createFunctionApp("chatbot", deps, { ownBodyLimit: ["/upload-file"] });
  // Every route but health needs a caller; listed by path so unknown paths still get a 404.
  const auth = requireAuth(deps.config);
  for (const path of AUTHENTICATED_PATHS) app.use(path, auth);
  sessionRoutes(app, deps);
  messageRoutes(app, deps, options.engine);
  dataRoutes(app, deps);
  uploadRoutes(app, deps, options.store ?? selectBlobStore(deps.config));
  internalRoutes(app, deps);
  return app;
}
