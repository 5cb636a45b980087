/**
 * Reading a JSON request body through a zod schema, with the contract's 400 bodies.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";

/**
 * Parses the request body as JSON and validates it with `schema`. Throws a 400 {@link ApiError}
 * naming each invalid field when the body is not JSON or does not fit. Returns the parsed value.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, "Request body must be valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path.join(".") || "body",
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  throw new ApiError(400, `Invalid request: ${detail}`, { errors });
}

/**
 * Parses a path parameter as a positive 32-bit integer id; anything else is a missing session,
 * answered with `notFound` (a 404 rather than a 400, since no such resource can exist).
 */
export function parseId(raw: string | undefined, notFound: ApiError): number {
  if (!raw || !/^[0-9]{1,10}$/.test(raw)) throw notFound;
  const id = Number(raw);
  if (id < 1 || id > 2147483647) throw notFound;
  return id;
}
