import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../shared/config.ts";

Deno.test("a missing EXTERNAL_JWT_SECRET is an error that names the variable", () => {
  assert.throws(() => parseConfig({}), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /EXTERNAL_JWT_SECRET/);
    return true;
  });
});

Deno.test("error messages never contain secret values", () => {
  const secret = "super-secret-value-123";
  assert.throws(
    () => parseConfig({ EXTERNAL_JWT_SECRET: secret, DATABASE_POOL_MAX: "lots" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /DATABASE_POOL_MAX/);
      assert.doesNotMatch(error.message, /super-secret/);
      return true;
    },
  );
});

Deno.test("defaults and switches", () => {
  const config = parseConfig({ EXTERNAL_JWT_SECRET: "s" });
  assert.deepEqual(config.jwtSecrets, ["s"]);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.allowedOrigins, "*");
  assert.equal(config.dataDir, ".data");
  assert.equal(config.openai, undefined);
  assert.equal(config.supabase, undefined);
  assert.equal(config.databasePrepare, true);
  assert.equal(config.pdfTimeBudgetMs, undefined);

  const full = parseConfig({
    EXTERNAL_JWT_SECRET: "s",
    EXTERNAL_JWT_SECRET_PREVIOUS: "p",
    SUPABASE_DB_URL: "postgres://db",
    ALLOWED_ORIGINS: "https://a.example, https://b.example",
    OPENAI_API_KEY: "sk-test",
    SUPABASE_URL: "https://x.supabase.co",
    SUPABASE_SECRET_KEYS: '{"default":"sb_secret_abc"}',
    DATABASE_PREPARE: "false",
    PDF_TIME_BUDGET_MS: "2500",
  });
  assert.deepEqual(full.jwtSecrets, ["s", "p"]);
  assert.equal(full.databaseUrl, "postgres://db");
  assert.deepEqual(full.allowedOrigins, ["https://a.example", "https://b.example"]);
  assert.deepEqual(full.openai, { apiKey: "sk-test", model: "gpt-4o-mini", baseUrl: undefined });
  assert.equal(full.supabase?.serviceKey, "sb_secret_abc");
  assert.equal(full.databasePrepare, false);
  assert.equal(full.pdfTimeBudgetMs, 2500);

  // DATABASE_URL wins over SUPABASE_DB_URL; USE_AI_CHATBOT=false turns AI off despite a key.
  const off = parseConfig({
    EXTERNAL_JWT_SECRET: "s",
    DATABASE_URL: "postgres://mine",
    SUPABASE_DB_URL: "postgres://theirs",
    OPENAI_API_KEY: "sk-test",
    USE_AI_CHATBOT: "false",
  });
  assert.equal(off.databaseUrl, "postgres://mine");
  assert.equal(off.openai, undefined);
});

Deno.test("a PDF time budget outside 100–60000 ms is an error that names the variable", () => {
  for (const value of ["50", "60001", "1.5", "soon"]) {
    assert.throws(
      () => parseConfig({ EXTERNAL_JWT_SECRET: "s", PDF_TIME_BUDGET_MS: value }),
      (error: Error) => error.name === "ConfigError" && /PDF_TIME_BUDGET_MS/.test(error.message),
    );
  }
});

Deno.test("database timeouts: defaults, overrides and bounds", () => {
  const defaults = parseConfig({ EXTERNAL_JWT_SECRET: "s" }).databaseTimeouts;
  assert.deepEqual(defaults, { statementMs: 10_000, lockMs: 5_000, idleInTransactionMs: 30_000 });
  const set = parseConfig({
    EXTERNAL_JWT_SECRET: "s",
    DATABASE_STATEMENT_TIMEOUT_MS: "20000",
    DATABASE_LOCK_TIMEOUT_MS: "2000",
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "45000",
  }).databaseTimeouts;
  assert.deepEqual(set, { statementMs: 20_000, lockMs: 2_000, idleInTransactionMs: 45_000 });
  const bad: [string, string][] = [
    ["DATABASE_STATEMENT_TIMEOUT_MS", "0"], // 0 would turn the timeout off
    ["DATABASE_STATEMENT_TIMEOUT_MS", "150000"], // past the Edge wall clock
    ["DATABASE_LOCK_TIMEOUT_MS", "50"],
    ["DATABASE_LOCK_TIMEOUT_MS", "1.5"],
    ["DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", "500"],
    ["DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", "150000"],
    ["DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", "soon"],
  ];
  for (const [variable, value] of bad) {
    assert.throws(
      () => parseConfig({ EXTERNAL_JWT_SECRET: "s", [variable]: value }),
      (error: Error) => error.name === "ConfigError" && error.message.includes(variable),
      `${variable}=${value}`,
    );
  }
  // A lock timeout past the statement timeout could never fire.
  assert.throws(
    () =>
      parseConfig({
        EXTERNAL_JWT_SECRET: "s",
        DATABASE_STATEMENT_TIMEOUT_MS: "1000",
        DATABASE_LOCK_TIMEOUT_MS: "2000",
      }),
    /DATABASE_LOCK_TIMEOUT_MS must not exceed DATABASE_STATEMENT_TIMEOUT_MS/,
  );
});

Deno.test("every bad variable is named in one error; an empty value counts as unset", () => {
  assert.throws(
    () =>
      parseConfig({
        EXTERNAL_JWT_SECRET: "s",
        DATABASE_PREPARE: "maybe",
        RATE_LIMIT_UPLOADS_PER_HOUR: "-1",
        DATABASE_POOL_MAX: "4 connections",
      }),
    (error: Error) =>
      error.name === "ConfigError" &&
      ["DATABASE_PREPARE", "RATE_LIMIT_UPLOADS_PER_HOUR", "DATABASE_POOL_MAX"].every((v) =>
        error.message.includes(v)
      ),
  );
  const config = parseConfig({
    EXTERNAL_JWT_SECRET: "s",
    DATABASE_POOL_MAX: "",
    DATA_DIR: "  ",
    USE_AI_CHATBOT: " ",
    OPENAI_API_KEY: "sk-test",
    RATE_LIMIT_MESSAGES_PER_MINUTE: " 0 ",
    DATABASE_PREPARE: "No",
  });
  assert.equal(config.databasePoolMax, 4);
  assert.equal(config.dataDir, ".data");
  assert.equal(config.openai?.model, "gpt-4o-mini");
  assert.equal(config.rateLimits.messagesPerMinute, 0);
  assert.equal(config.databasePrepare, false);
  assert.throws(() => parseConfig({ EXTERNAL_JWT_SECRET: "" }), /EXTERNAL_JWT_SECRET is required/);
});

Deno.test("another issuer's key set: JWT_JWKS_URL with JWT_ISSUER and JWT_AUDIENCE", () => {
  assert.equal(parseConfig({ EXTERNAL_JWT_SECRET: "s" }).jwks, undefined);
  const url = "https://project.supabase.co/auth/v1/.well-known/jwks.json";
  assert.deepEqual(parseConfig({ EXTERNAL_JWT_SECRET: "s", JWT_JWKS_URL: url }).jwks, {
    url,
    issuer: undefined,
    audience: undefined,
  });
  assert.deepEqual(
    parseConfig({
      EXTERNAL_JWT_SECRET: "s",
      JWT_JWKS_URL: url,
      JWT_ISSUER: "https://project.supabase.co/auth/v1",
      JWT_AUDIENCE: "authenticated",
    }).jwks,
    { url, issuer: "https://project.supabase.co/auth/v1", audience: "authenticated" },
  );
  const refused: [Record<string, string>, RegExp][] = [
    [{ JWT_JWKS_URL: "not a url" }, /JWT_JWKS_URL must be an http or https URL/],
    [{ JWT_JWKS_URL: "file:///etc/passwd" }, /JWT_JWKS_URL must be an http or https URL/],
    [{ JWT_ISSUER: "https://issuer" }, /JWT_ISSUER and JWT_AUDIENCE apply to JWT_JWKS_URL/],
    [{ JWT_AUDIENCE: "authenticated" }, /JWT_ISSUER and JWT_AUDIENCE apply to JWT_JWKS_URL/],
  ];
  for (const [env, message] of refused) {
    assert.throws(() => parseConfig({ EXTERNAL_JWT_SECRET: "s", ...env }), message);
  }
});
