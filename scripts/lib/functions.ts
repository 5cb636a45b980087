/**
 * Every edge function of the project, by name, for the local server and the tests.
 */
import { createAdminApp } from "../../functions/admin/app.ts";
import { createAuthApp } from "../../functions/auth/app.ts";
import { createChatbotApp } from "../../functions/chatbot/app.ts";
import { parseConfig } from "../../shared/config.ts";
import type { Sql } from "../../shared/db/client.ts";
import type { AppDeps, FunctionApp } from "../../shared/http/app.ts";
import { apiDocument, type OpenApiDocument } from "../../shared/http/openapi_document.ts";

/** Builds every function app with the same dependencies, keyed by function name. */
export function createFunctionApps(deps: AppDeps): Record<string, FunctionApp> {
  return {
    admin: createAdminApp(deps),
    auth: createAuthApp(deps),
    chatbot: createChatbotApp(deps),
  };
}

/**
 * The merged OpenAPI document of every function (servers: local and Supabase), as
 * `openapi.json` holds it. Building the apps for it touches neither a database nor a secret.
 */
export function functionsDocument(): Promise<OpenApiDocument> {
  const config = parseConfig({ EXTERNAL_JWT_SECRET: "unused-when-only-documenting" });
  return apiDocument(createFunctionApps({ config, sql: undefined as unknown as Sql }));
}
