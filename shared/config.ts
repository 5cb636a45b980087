/**
 * Runtime configuration: every environment variable the project reads, parsed once into a
 * typed object. Nothing else reads `Deno.env`.
 */
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

/**
 * Completion webhooks (contract §10): where `onboarding.completed` events go and how they are
 * retried. Delivered by `shared/webhooks`.
 */
export interface WebhookConfig {
  /** `WEBHOOK_URL`: the main system's receiver. */
  url: string;
  /** `WEBHOOK_SECRET`: the Standard Webhooks signing secret, `whsec_` and base64. */
  secret: string;
  /** `WEBHOOK_RETRY_MIN_SECONDS`: the wait before the first retry, doubled for each next. */
  retryMinSeconds: number;
  /** `WEBHOOK_TIMEOUT_MS`: how long one attempt waits for the receiver's answer. */
  timeoutMs: number;
}

/** How many attempts an event gets before it is `failed` (contract §10). */
export const WEBHOOK_MAX_ATTEMPTS = 12;

/** The validated, typed configuration of one process or isolate. */
export interface Config {
  jwtSecrets: string[];
  /** Another issuer's key set (contract §12): `JWT_JWKS_URL`, `JWT_ISSUER`, `JWT_AUDIENCE`. */
  jwks: { url: string; issuer?: string; audience?: string } | undefined;
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
  /** Completion webhooks; undefined: none are sent (nor queued). */
  webhook: WebhookConfig | undefined;
  /**
   * `INTERNAL_SECRET`: the bearer token of the scheduler's `POST /chatbot/internal/…` calls;
   * undefined: those routes answer 404.
   */
  internalSecret: string | undefined;
}

/** Thrown when the environment cannot make a valid configuration; the message names the variables. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses an environment (a plain record, e.g. `Deno.env.toObject()`) into a {@link Config}.
 * Throws {@link ConfigError} naming every invalid variable; secret values never appear in it.
 * Values are trimmed, and an empty one counts as unset (the JWT secret is taken as given).
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const read = envReader(env);
  const secret = env.EXTERNAL_JWT_SECRET;
  if (!secret) read.problems.push("EXTERNAL_JWT_SECRET is required");
  const e = {
    EXTERNAL_JWT_SECRET_PREVIOUS: read.text("EXTERNAL_JWT_SECRET_PREVIOUS"),
    JWT_JWKS_URL: read.httpUrl("JWT_JWKS_URL"),
    JWT_ISSUER: read.text("JWT_ISSUER"),
    JWT_AUDIENCE: read.text("JWT_AUDIENCE"),
    DATABASE_URL: read.text("DATABASE_URL"),
    SUPABASE_DB_URL: read.text("SUPABASE_DB_URL"),
    DATABASE_POOL_MAX: read.integer("DATABASE_POOL_MAX", 1, 100, 4),
    // Prepared statements cannot be used through a transaction-mode pooler (port 6543).
    DATABASE_PREPARE: read.flag("DATABASE_PREPARE", true),
    DATABASE_STATEMENT_TIMEOUT_MS: read.integer(
      "DATABASE_STATEMENT_TIMEOUT_MS",
      100,
      120_000,
      DEFAULT_DATABASE_TIMEOUTS.statementMs,
    ),
    DATABASE_LOCK_TIMEOUT_MS: read.integer(
      "DATABASE_LOCK_TIMEOUT_MS",
      100,
      120_000,
      DEFAULT_DATABASE_TIMEOUTS.lockMs,
    ),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: read.integer(
      "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      1_000,
      140_000,
      DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs,
    ),
    RATE_LIMIT_REQUESTS_PER_MINUTE: read.integer("RATE_LIMIT_REQUESTS_PER_MINUTE", 0, 1e6, 120),
    RATE_LIMIT_MESSAGES_PER_MINUTE: read.integer("RATE_LIMIT_MESSAGES_PER_MINUTE", 0, 1e6, 30),
    RATE_LIMIT_UPLOADS_PER_HOUR: read.integer("RATE_LIMIT_UPLOADS_PER_HOUR", 0, 1e6, 20),
    ALLOWED_ORIGINS: read.text("ALLOWED_ORIGINS") ?? "*",
    DATA_DIR: read.text("DATA_DIR") ?? ".data",
    OPENAI_API_KEY: read.text("OPENAI_API_KEY"),
    OPENAI_MODEL: read.text("OPENAI_MODEL") ?? "gpt-4o-mini",
    OPENAI_BASE_URL: read.text("OPENAI_BASE_URL"),
    USE_AI_CHATBOT: read.flag("USE_AI_CHATBOT", true),
    SUPABASE_URL: read.text("SUPABASE_URL"),
    SUPABASE_SERVICE_ROLE_KEY: read.text("SUPABASE_SERVICE_ROLE_KEY"),
    STORAGE_BUCKET: read.text("STORAGE_BUCKET") ?? "onboarding-uploads",
    PDF_TIME_BUDGET_MS: read.integer("PDF_TIME_BUDGET_MS", 100, 60_000),
    WEBHOOK_URL: read.httpUrl("WEBHOOK_URL"),
    WEBHOOK_SECRET: read.text("WEBHOOK_SECRET"),
    WEBHOOK_RETRY_MIN_SECONDS: read.integer("WEBHOOK_RETRY_MIN_SECONDS", 0, 86_400, 30),
    WEBHOOK_TIMEOUT_MS: read.integer("WEBHOOK_TIMEOUT_MS", 100, 60_000, 10_000),
    INTERNAL_SECRET: read.text("INTERNAL_SECRET"),
  };
  if (Boolean(e.WEBHOOK_URL) !== Boolean(e.WEBHOOK_SECRET)) {
    read.problems.push("WEBHOOK_URL and WEBHOOK_SECRET go together: set both or neither");
  }
  if (e.WEBHOOK_SECRET && !isWebhookSecret(e.WEBHOOK_SECRET)) {
    read.problems.push("WEBHOOK_SECRET must be whsec_ followed by base64 of 24 to 64 bytes");
  }
  if (e.INTERNAL_SECRET && e.INTERNAL_SECRET.length < 32) {
    read.problems.push("INTERNAL_SECRET must be at least 32 characters");
  }
  if ((e.JWT_ISSUER || e.JWT_AUDIENCE) && !e.JWT_JWKS_URL) {
    // They would check nothing: HS256 tokens are the main system's own (contract §3).
    read.problems.push("JWT_ISSUER and JWT_AUDIENCE apply to JWT_JWKS_URL's tokens: set it too");
  }
  if (e.DATABASE_LOCK_TIMEOUT_MS > e.DATABASE_STATEMENT_TIMEOUT_MS) {
    // The statement timeout would always fire first: the lock timeout's 503 could never happen.
    read.problems.push(
      "DATABASE_LOCK_TIMEOUT_MS must not exceed DATABASE_STATEMENT_TIMEOUT_MS",
    );
  }
  if (read.problems.length > 0 || !secret) {
    throw new ConfigError(`Invalid configuration: ${read.problems.join("; ")}`);
  }
  const origins = e.ALLOWED_ORIGINS === "*"
    ? "*"
    : e.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  const supabaseKey = e.SUPABASE_SERVICE_ROLE_KEY ?? secretKeyFromJson(env.SUPABASE_SECRET_KEYS);
  return {
    jwtSecrets: [secret, e.EXTERNAL_JWT_SECRET_PREVIOUS].filter((s): s is string =>
      s !== undefined
    ),
    jwks: e.JWT_JWKS_URL
      ? { url: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE }
      : undefined,
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
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? {
        url: e.WEBHOOK_URL,
        secret: e.WEBHOOK_SECRET,
        retryMinSeconds: e.WEBHOOK_RETRY_MIN_SECONDS,
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      }
      : undefined,
    internalSecret: e.INTERNAL_SECRET,
  };
}

// A Standard Webhooks secret: `whsec_` and the base64 of a key (the specification asks for 24 to
// 64 bytes). Checked here, without the signing library, which loads only to sign.
function isWebhookSecret(value: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (!match) return false;
  try {
    const bytes = atob(match[1]).length;
    return bytes >= 24 && bytes <= 64;
  } catch {
    return false;
  }
}

const FLAGS: Record<string, boolean> = {
  true: true,
  "1": true,
  yes: true,
  false: false,
  "0": false,
  no: false,
};

/**
 * Typed reads of `env` that collect what is wrong instead of throwing, so one error names every
 * bad variable. Plain code rather than a zod schema: the configuration is read at every cold
 * boot, and building a schema of this size costs more than all the rest of it (docs/benchmarks.md).
 */
function envReader(env: Record<string, string | undefined>) {
  const problems: string[] = [];
  const text = (name: string): string | undefined => env[name]?.trim() || undefined;
  return {
    problems,
    text,
    /** A whole number within [min, max]; `fallback` when unset. */
    integer<F extends number | undefined = undefined>(
      name: string,
      min: number,
      max: number,
      fallback?: F,
    ): number | F {
      const value = text(name);
      if (value === undefined) return fallback as F;
      const number = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
      if (number >= min && number <= max) return number;
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback as F;
    },
    /** An absolute http(s) URL; undefined when unset. */
    httpUrl(name: string): string | undefined {
      const value = text(name);
      if (value === undefined) return undefined;
      if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
      problems.push(`${name} must be an http or https URL`);
      return undefined;
    },
    /** true/false, 1/0 or yes/no; `fallback` when unset. */
    flag(name: string, fallback: boolean): boolean {
      const value = text(name);
      if (value === undefined) return fallback;
      const flag = FLAGS[value.toLowerCase()];
      if (flag !== undefined) return flag;
      problems.push(`${name} must be true or false (also 1/0, yes/no)`);
      return fallback;
    },
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
