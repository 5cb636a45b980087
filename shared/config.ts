/**
 * Runtime configuration: every environment variable the project reads, parsed once with zod
 * into a typed object. Nothing else reads `Deno.env`.
 */
import { z } from "zod";

/** The API version reported by the health endpoints. */
export const APP_VERSION = "1.0.0";

/**
 * Per-transaction database timeouts (ms), set by `asUser`. Defaults and bounds fit Supabase
 * Edge Functions (150 s wall clock per request): see docs/architecture.md "Database decisions".
 */
export interface DatabaseTimeouts {
  /** `statement_timeout`: one statement, lock waits included. */
  statementMs: number;
  /** `lock_timeout`: waiting for one lock (a session's row lock held by another turn). */
  lockMs: number;
  /** `idle_in_transaction_session_timeout`: the client silent with a transaction open. */
  idleInTransactionMs: number;
}

/** The defaults of {@link DatabaseTimeouts}. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementMs: 10_000,
  lockMs: 5_000,
  // No transaction waits on a model or a document reader (both run between transactions), so
  // a transaction is idle only between its own statements: milliseconds.
  idleInTransactionMs: 30_000,
};

/**
 * Per-user request limits (contract §11); 0 turns a limit off. Counted by `withUser` in the
 * request's own transaction (`shared/http/rate_limits.ts`).
 */
export interface RateLimits {
  /** Authenticated requests of any kind per minute. */
  requestsPerMinute: number;
  /** `POST /message` requests per minute. */
  messagesPerMinute: number;
  /** `POST /upload-file` requests per hour. */
  uploadsPerHour: number;
}

const limit = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);

const milliseconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const optionalString = z.string().trim().min(1).optional().catch(undefined);

const flag = (fallback: boolean) =>
  z.enum(["true", "false", "1", "0", "yes", "no"]).optional().transform((v) =>
    v === undefined ? fallback : v === "true" || v === "1" || v === "yes"
  );

const EnvSchema = z.object({
  EXTERNAL_JWT_SECRET: z.string({ error: "EXTERNAL_JWT_SECRET is required" }).min(
    1,
    "EXTERNAL_JWT_SECRET is required",
  ),
  EXTERNAL_JWT_SECRET_PREVIOUS: optionalString,
  DATABASE_URL: optionalString,
  SUPABASE_DB_URL: optionalString,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(4),
  /** Prepared statements cannot be used through a transaction-mode pooler (port 6543). */
  DATABASE_PREPARE: flag(true),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(100, 120_000, DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DATABASE_LOCK_TIMEOUT_MS: milliseconds(100, 120_000, DEFAULT_DATABASE_TIMEOUTS.lockMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(
    1_000,
    140_000,
    DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs,
  ),
  RATE_LIMIT_REQUESTS_PER_MINUTE: limit(120),
  RATE_LIMIT_MESSAGES_PER_MINUTE: limit(30),
  RATE_LIMIT_UPLOADS_PER_HOUR: limit(20),
  ALLOWED_ORIGINS: z.string().trim().default("*"),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  OPENAI_BASE_URL: optionalString,
  USE_AI_CHATBOT: flag(true),
  SUPABASE_URL: optionalString,
  SUPABASE_SERVICE_ROLE_KEY: optionalString,
  STORAGE_BUCKET: z.string().trim().min(1).default("onboarding-uploads"),
  PDF_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(60_000).optional(),
});

/** The validated, typed configuration of one process or isolate. */
export interface Config {
  jwtSecrets: string[];
  databaseUrl: string | undefined;
  databasePoolMax: number;
  databasePrepare: boolean;
  databaseTimeouts: DatabaseTimeouts;
  rateLimits: RateLimits;
  allowedOrigins: "*" | string[];
  dataDir: string;
  openai: { apiKey: string; model: string; baseUrl: string | undefined } | undefined;
  supabase: { url: string; serviceKey: string; bucket: string } | undefined;
  storageBucket: string;
  /** Time budget of one PDF extraction in ms; undefined: the reader's DEFAULT_PDF_TIMEOUT_MS. */
  pdfTimeBudgetMs: number | undefined;
}

/** Thrown when the environment cannot make a valid configuration; the message names the variables. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses an environment (a plain record, e.g. `Deno.env.toObject()`) into a {@link Config}.
 * Throws {@link ConfigError} naming every invalid variable; secret values never appear in it.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join(".");
      return issue.message.startsWith(variable) ? issue.message : `${variable}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  if (e.DATABASE_LOCK_TIMEOUT_MS > e.DATABASE_STATEMENT_TIMEOUT_MS) {
    // The statement timeout would always fire first: the lock timeout's 503 could never happen.
    throw new ConfigError(
      "Invalid configuration: DATABASE_LOCK_TIMEOUT_MS must not exceed DATABASE_STATEMENT_TIMEOUT_MS",
    );
  }
  const origins = e.ALLOWED_ORIGINS === "" || e.ALLOWED_ORIGINS === "*"
    ? "*"
    : e.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  const supabaseKey = e.SUPABASE_SERVICE_ROLE_KEY ?? secretKeyFromJson(env.SUPABASE_SECRET_KEYS);
  return {
    jwtSecrets: [e.EXTERNAL_JWT_SECRET, e.EXTERNAL_JWT_SECRET_PREVIOUS].filter((s): s is string =>
      s !== undefined
    ),
    databaseUrl: e.DATABASE_URL ?? e.SUPABASE_DB_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databasePrepare: e.DATABASE_PREPARE,
    databaseTimeouts: {
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    rateLimits: {
      requestsPerMinute: e.RATE_LIMIT_REQUESTS_PER_MINUTE,
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      uploadsPerHour: e.RATE_LIMIT_UPLOADS_PER_HOUR,
    },
    allowedOrigins: origins,
    dataDir: e.DATA_DIR,
    openai: e.OPENAI_API_KEY && e.USE_AI_CHATBOT
      ? { apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL, baseUrl: e.OPENAI_BASE_URL }
      : undefined,
    supabase: e.SUPABASE_URL && supabaseKey
      ? { url: e.SUPABASE_URL, serviceKey: supabaseKey, bucket: e.STORAGE_BUCKET }
      : undefined,
    storageBucket: e.STORAGE_BUCKET,
    pdfTimeBudgetMs: e.PDF_TIME_BUDGET_MS,
  };
}

/** Supabase injects `SUPABASE_SECRET_KEYS` as JSON (`{"default":"sb_secret_…"}`). */
function secretKeyFromJson(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const keys = JSON.parse(raw) as Record<string, unknown>;
    const key = keys.default ?? Object.values(keys)[0];
    return typeof key === "string" && key.length > 0 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and parses the process environment once. */
export function loadConfig(): Config {
  return parseConfig(Deno.env.toObject());
}
