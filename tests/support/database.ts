/**
 * The database the tests run against: `DATABASE_URL` when set (e.g. the CI's PostgreSQL 15, or
 * PgBouncer in transaction mode in front of it with `DATABASE_PREPARE=false`), else a throwaway
 * embedded PGlite. Started once per test process and migrated.
 */
import { parseConfig } from "../../shared/config.ts";
import type postgres from "postgres";
import { connect, type Sql } from "../../shared/db/client.ts";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded_postgres.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";

/** A migrated database and a privileged pool on it (bypasses RLS: for seeding and checks). */
export interface TestDatabase {
  sql: Sql;
  url: string;
  embedded: boolean;
  /** Named prepared statements (`DATABASE_PREPARE`): off behind a transaction-mode pooler. */
  prepare: boolean;
}

let started: Promise<TestDatabase> | undefined;

/** Returns the process-wide test database, starting and migrating it on first call. */
export function testDatabase(): Promise<TestDatabase> {
  started ??= start();
  return started;
}

async function start(): Promise<TestDatabase> {
  // The same variables as the application; the secret is irrelevant here.
  const config = parseConfig({ ...Deno.env.toObject(), EXTERNAL_JWT_SECRET: "unused" });
  const external = config.databaseUrl;
  let url = external;
  if (!url) {
    const dir = await Deno.makeTempDir({ prefix: "onboarding-test-db-" });
    url = (await startEmbeddedPostgres(dir)).url;
  }
  const prepare = config.databasePrepare;
  const sql = connect(url, { max: external ? 8 : 1, prepare });
  // Already applied when the database was set up (always so behind a pooler): then only checked.
  await applyMigrations(sql);
  return { sql, url, embedded: !external, prepare };
}

/** A user id no other test (or earlier run on the same database) has used. */
export function uniqueUserId(label = "user"): string {
  return `${label}-${crypto.randomUUID().slice(0, 13)}`;
}

/** A transaction kept open on another connection of the privileged pool; see {@link holdTransaction}. */
export interface HeldTransaction {
  /** Commits the transaction (releasing its locks) and waits for it. */
  release(): Promise<void>;
}

/**
 * Runs `work` in a transaction on its own connection and keeps the transaction open (its row
 * locks held, its inserts uncommitted) until `release`, or at the latest `maxMs` later, so a
 * test that forgets or fails cannot block everything else. Resolves once `work` has run.
 */
export async function holdTransaction(
  sql: Sql,
  work: (tx: postgres.TransactionSql) => Promise<unknown>,
  maxMs = 3000,
): Promise<HeldTransaction> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  const guard = setTimeout(release, maxMs);
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => ready = resolve);
  const done = sql.begin(async (tx) => {
    await work(tx);
    ready();
    await released;
  });
  await Promise.race([isReady, done]);
  return {
    async release() {
      clearTimeout(guard);
      release();
      await done;
    },
  };
}
