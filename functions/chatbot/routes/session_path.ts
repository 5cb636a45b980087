/**
 * The `{session_id}` path parameter of the chatbot's session routes: how it is validated, and
 * the 404 for a session that is not there (or not the caller's: row-level security hides it).
 *
 * @module
 */
import { z } from "zod";
import { ApiError, Detail } from "../../../shared/http/errors.ts";

/** A session id as a path parameter: a positive 32-bit integer; anything else is a 404. */
const SessionIdParam = z.string().regex(/^[0-9]{1,10}$/)
  .transform(Number).pipe(z.number().int().min(1).max(2147483647))
  .meta({
    param: { name: "session_id", in: "path", description: "The session's id" },
    // The document shows what the string must spell: the generator sees only the pipe.
    type: "integer",
    minimum: 1,
    maximum: 2147483647,
    example: 1,
  });

/** Path parameters of the `{session_id}` routes. */
export const SessionPath = z.object({ session_id: SessionIdParam });

/**
 * The error for a session that is not the caller's or not there, and for a `{session_id}` that
 * is not a positive 32-bit integer: a 404, since no such session can exist (not a 400).
 */
export function sessionNotFound(): ApiError {
  return new ApiError(404, Detail.sessionNotFound);
}
