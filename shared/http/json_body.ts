/**
 * Reading a JSON request body through a zod schema, with the contract's 400 bodies.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { findHostileJson } from "../hostile_text.ts";
import { ApiError } from "./errors.ts";

// Fatal, so that bytes that are not UTF-8 (such as a surrogate encoded on its own, ED A0 80)
// are refused instead of silently becoming U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses the request body as JSON and validates it with `schema`. Throws a 400 {@link ApiError}
 * naming each invalid field when the body is not UTF-8 JSON, holds hostile text (a NUL or an
 * unpaired surrogate, in any string or key at any depth: see `hostile_text.ts`), or does not
 * fit. Every JSON route reads its body here, so nothing hostile reaches the database. Returns
 * the parsed value.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, "Request body must be UTF-8 text");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "Request body must be valid JSON");
  }
  const hostile = findHostileJson(body);
  if (hostile) {
    const message = hostile.inKey
      ? `a key holds ${hostile.problem}`
      : `must not contain ${hostile.problem}`;
    throw new ApiError(400, `Invalid request: ${hostile.field}: ${message}`, {
      errors: [{ field: hostile.field, message }],
    });
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw invalidRequest(parsed.error);
}

/**
 * The contract's 400 for a request that does not fit its schema: `detail` lists each invalid
 * field, and `errors` names them one by one.
 */
export function invalidRequest(error: z.ZodError): ApiError {
  const errors = error.issues.map((issue) => ({
    field: issue.path.join(".") || "body",
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  return new ApiError(400, `Invalid request: ${detail}`, { errors });
}
