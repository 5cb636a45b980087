/**
 * Two small per-function OpenAPI 3.1 documents, shaped as the functions serve them (paths start
 * with the function name, a bearer security scheme, a shared `Error` schema), for the tests of
 * the merged reference and its pages without depending on the real function documents.
 */
import type { OpenApiDocument } from "../../shared/http/openapi_document.ts";

const errorSchema = {
  type: "object" as const,
  properties: { detail: { type: "string" as const } },
  required: ["detail"],
};
const bearer = { type: "http", scheme: "bearer", bearerFormat: "JWT" } as const;
const errorResponse = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

/** A fixture `auth` document: one operation, with its security (as the functions declare it). */
export function authFixture(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "auth", version: "1.0.0" },
    tags: [{ name: "auth", description: "Who the token belongs to" }],
    paths: {
      "/auth/me": {
        get: {
          operationId: "authMe",
          tags: ["auth"],
          summary: "Fixture: the caller's identity",
          security: [{ bearerAuth: [] }],
          responses: {
            "200": {
              description: "The caller",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { user_id: { type: "string", examples: ["dev-user"] } },
                  },
                },
              },
            },
            "401": errorResponse,
          },
        },
      },
    },
    components: { schemas: { Error: errorSchema }, securitySchemes: { bearerAuth: bearer } },
  };
}

/** A fixture `chatbot` document: two operations with their own security, one public. */
export function chatbotFixture(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "chatbot", version: "1.0.0" },
    tags: [{ name: "chatbot", description: "The onboarding conversation" }],
    paths: {
      "/chatbot/message": {
        post: {
          operationId: "chatbotMessage",
          tags: ["chatbot"],
          summary: "Fixture: send a message",
          security: [{ bearerAuth: [] }],
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { message: { type: "string", examples: ["電子業"] } },
                  required: ["message"],
                },
              },
            },
          },
          responses: { "200": { description: "The reply" }, "422": errorResponse },
        },
      },
      "/chatbot/health": {
        get: {
          operationId: "chatbotHealth",
          tags: ["chatbot"],
          summary: "Fixture: health check",
          security: [],
          responses: { "200": { description: "Healthy" } },
        },
      },
    },
    components: { schemas: { Error: errorSchema }, securitySchemes: { bearerAuth: bearer } },
  };
}
