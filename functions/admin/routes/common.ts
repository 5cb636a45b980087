/**
 * What every admin route shares: its guard and its errors.
 *
 * @module private: used by the admin function's routes only.
 */
import type { MiddlewareHandler } from "hono";
import type { Config } from "../../../shared/config.ts";
import { requireAdmin, requireAuth } from "../../../shared/http/auth.ts";
import { Detail } from "../../../shared/http/errors.ts";
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  type ErrorStatus,
} from "../../../shared/http/openapi.ts";

/** The middleware of every admin route: a verified token whose role claim is `admin`. */
export function adminOnly(config: Config): readonly MiddlewareHandler[] {
  return [requireAuth(config), requireAdmin];
}

/**
 * The documented errors of an admin route: those of every authenticated route, a 400 for a
 * parameter out of range (`invalid`), and the 403 of a caller who is not an admin.
 */
export function adminErrors(
  invalid: string,
  more: Parameters<typeof errorResponses>[1] = {},
  statuses: readonly ErrorStatus[] = [],
) {
  return errorResponses([...AUTHENTICATED_ERRORS, ...statuses], {
    400: { description: "A parameter out of range", detail: invalid },
    403: { description: "Not an admin, or inactive", detail: Detail.adminRequired },
    ...more,
  });
}
