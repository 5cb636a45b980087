/**
 * The OpenAPI side of the routes (contract §8): what every function's documentation shares
 * (errors, progress, health, the rate-limit and idempotency headers, the bearer scheme) and the
 * session id parameter every `{session_id}` route validates with.
 *
 * Schemas that only document responses are made by {@link documentSchemas} on first use, when
 * the document is: building zod schemas is a boot cost (`routes.ts`). Documentation rides on
 * zod's own `.meta()`, which the generator reads (`id` names a component).
 */
import { z } from "zod";
import { Detail, type FieldError } from "./errors.ts";
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from "./idempotency.ts";
import { RATE_LIMIT_HEADERS } from "./rate_limits.ts";

/** The name of the bearer security scheme in `components.securitySchemes`. */
export const BEARER_AUTH = "bearerAuth";

/** The `security` of an operation that needs a token. */
export const BEARER_SECURITY = [{ [BEARER_AUTH]: [] }];

/** The bearer scheme (contract §3): an HS256 token from the main system, or a JWKS-signed one. */
export const BEARER_SCHEME = {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description: "A token of the main system with the claims `user_id` and `username` " +
    "(contract §3). 401 when it is missing, invalid or expired; 403 when the user is inactive.",
} as const;

/** The time every example of the document shows. */
export const EXAMPLE_TIME = "2024-01-01T10:00:00Z";

/** The name of the scheduler's security scheme (`INTERNAL_SECRET` as a bearer token). */
export const INTERNAL_AUTH = "internalSecret";

/** The scheduler's scheme: the `INTERNAL_SECRET` of the deployment, as a bearer token. */
export const INTERNAL_SCHEME = {
  type: "http",
  scheme: "bearer",
  description: "The deployment's `INTERNAL_SECRET` (contract §10): for the scheduler only.",
} as const;

/**
 * `build`'s result, made on the first call and kept: for schemas that only document, so an
 * isolate that never serves its OpenAPI document never builds them.
 */
export function documentOnly<T>(build: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: build() }).value;
}

/** The schemas every function's documentation shares, made on first use. */
export const documentSchemas = documentOnly(() => {
  /** One invalid field of a 400 body. */
  const FieldErrorSchema = z.strictObject({
    field: z.string().meta({ description: "The field's path, e.g. `message`; `body` for all" }),
    message: z.string(),
  }).meta({ id: "FieldError" });

  /** An RFC 3339 UTC timestamp (contract §4). */
  const TimestampSchema = z.string().meta({
    format: "date-time",
    description: "RFC 3339, UTC",
    example: EXAMPLE_TIME,
  });

  const text = z.string().nullable();
  const count = z.number().int().min(0).nullable();
  const ExportProductSchema = z.strictObject({
    "產品ID": text,
    "產品名稱": text,
    "價格": text,
    "主要原料": text,
    "產品規格(尺寸、精度)": text,
    "技術優勢": text,
  }).meta({ id: "ExportProduct" });

  return {
    FieldErrorSchema,
    /** The export object of contract §5.8 (keys in this order). */
    ExportSchema: z.strictObject({
      "產業別": text,
      "資本總額（以臺幣為單位）": count,
      "發明專利數量": count,
      "新型專利數量": count,
      "公司認證資料數量": count,
      "ESG相關認證資料": z.enum(["有", "無"]).nullable(),
      "產品": z.array(ExportProductSchema),
    }).meta({ id: "Export" }),
    /** Every error body (contract §4): a readable `detail`, and for some 400s the fields at fault. */
    ErrorSchema: z.strictObject({
      detail: z.string().meta({ description: "A human-readable explanation" }),
      errors: z.array(FieldErrorSchema).optional().meta({
        description: "For a 400 naming invalid fields: each of them",
      }),
    }).meta({ id: "Error" }),
    TimestampSchema,
    /** The progress object of contract §6. */
    ProgressSchema: z.strictObject({
      industry: z.boolean().meta({ description: "The industry is set" }),
      capital_amount: z.boolean().meta({ description: "The capital amount is set" }),
      patents: z.boolean().meta({ description: "Both patent counts are set" }),
      certifications: z.boolean().meta({
        description: "The certification count is set and the ESG question answered",
      }),
      products: z.boolean().meta({ description: "At least one product" }),
      fields_completed: z.number().int().min(0).max(6).meta({
        description: "How many of the six company fields are set",
      }),
      total_fields: z.literal(6),
      company_info_complete: z.boolean().meta({ description: "All six company fields are set" }),
      products_count: z.number().int().min(0),
    }).meta({ id: "Progress" }),
    /** The health body (contract §5.11). */
    HealthSchema: z.strictObject({
      status: z.enum(["ok", "degraded"]),
      version: z.string(),
      database: z.enum(["ok", "unavailable"]),
    }).meta({ id: "Health" }),
    /** The `Idempotency-Key` request header (contract §11) of the three POSTs. */
    IdempotencyHeaders: z.object({
      [IDEMPOTENCY_HEADER]: z.string().regex(/^[\x20-\x7e]{1,255}$/).optional().meta({
        description: "1–255 printable ASCII characters. A repeat within 24 hours returns the " +
          "first response without doing the work again; the same key with a different request " +
          "is a 409.",
        example: "3f1c2a9e-6b7d-4e1a-9c2b-1d2e3f4a5b6c",
      }),
    }),
  };
});

/** The contract's progress example (§6). */
export const PROGRESS_EXAMPLE = {
  industry: true,
  capital_amount: false,
  patents: false,
  certifications: false,
  products: false,
  fields_completed: 1,
  total_fields: 6,
  company_info_complete: false,
  products_count: 0,
};

/** `application/json` content of `schema`, with an example when given. */
export function json<S extends z.ZodType>(schema: S, example?: unknown) {
  return {
    "application/json": example === undefined ? { schema } : { schema, example },
  };
}

/** A response header's documentation. */
type Header = { description: string; schema: { type: "integer" | "string"; enum?: string[] } };

const integerHeader = (description: string): Header => ({
  description,
  schema: { type: "integer" },
});

/** The `X-RateLimit-*` headers of every authenticated response (contract §11). */
export const RATE_LIMIT_RESPONSE_HEADERS: Record<string, Header> = Object.fromEntries(
  RATE_LIMIT_HEADERS.map((name, i) => [
    name,
    integerHeader(
      [
        "The size of the tightest rate limit that applies",
        "Requests left in that limit's window",
        "Seconds until that limit's oldest counted request leaves its window",
      ][i],
    ),
  ]),
);

const RETRY_AFTER = { "Retry-After": integerHeader("Seconds to wait before trying again") };

/** Headers of an authenticated 200, plus `Idempotent-Replayed` where a key can be sent. */
export function successHeaders(idempotent = false): Record<string, Header> {
  return idempotent
    ? {
      ...RATE_LIMIT_RESPONSE_HEADERS,
      [REPLAYED_HEADER]: {
        description: "`true` when this is the stored response of an earlier request " +
          "with the same Idempotency-Key",
        schema: { type: "string", enum: ["true"] },
      },
    }
    : RATE_LIMIT_RESPONSE_HEADERS;
}

/** The error statuses an operation can answer. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

/**
 * What any authenticated operation can answer besides its own errors (a 400 at least for a body
 * over 64 KB, which every route but the upload refuses).
 */
export const AUTHENTICATED_ERRORS: ErrorStatus[] = [400, 401, 403, 429, 500, 503];

const ERROR_DEFAULTS: Record<ErrorStatus, { description: string; detail: string }> = {
  400: { description: "Invalid request (a body over 64 KB, for one)", detail: Detail.bodyTooLarge },
  401: {
    description: "The token is missing, invalid or expired, or lacks `user_id`/`username`",
    detail: Detail.credentials,
  },
  403: { description: "The user account is inactive", detail: Detail.inactive },
  404: {
    description: "No such session, or not the caller's (the two look the same)",
    detail: Detail.sessionNotFound,
  },
  409: { description: "The session is already completed", detail: Detail.sessionCompleted },
  429: { description: "Over a rate limit; nothing was stored", detail: "Too many requests" },
  500: {
    description: "Unexpected; logged with the request's X-Request-Id",
    detail: Detail.internal,
  },
  503: {
    description: "The database is unavailable or timed out; nothing changed",
    detail: Detail.unavailable,
  },
};

const ERROR_HEADERS: Partial<Record<ErrorStatus, Record<string, Header>>> = {
  401: { "WWW-Authenticate": { description: "`Bearer`", schema: { type: "string" } } },
  429: { ...RATE_LIMIT_RESPONSE_HEADERS, ...RETRY_AFTER },
  503: RETRY_AFTER,
};

/**
 * The error responses of an operation, each with the `Error` schema, an example from the
 * contract and its headers; `overrides` replace a status's description and example. On an
 * operation that is `counted` (every authenticated one), a refusal after the token was accepted
 * carries the `X-RateLimit-*` headers too.
 */
export function errorResponses(
  statuses: readonly ErrorStatus[],
  overrides: Partial<
    Record<ErrorStatus, { description: string; detail?: string; errors?: FieldError[] }>
  > = {},
  counted = true,
) {
  return Object.fromEntries(statuses.map((status) => {
    const { description, detail, errors } = { ...ERROR_DEFAULTS[status], ...overrides[status] };
    const example = errors ? { detail, errors } : { detail };
    const headers = {
      ...(counted && status !== 401 ? RATE_LIMIT_RESPONSE_HEADERS : {}),
      ...ERROR_HEADERS[status],
    };
    return [status, {
      description,
      content: json(documentSchemas().ErrorSchema, example),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    }];
  }));
}
