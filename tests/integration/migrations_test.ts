import assert from "node:assert/strict";
import { applyMigrations, readMigrations } from "../../scripts/lib/migrate.ts";
import { testDatabase } from "../support/database.ts";

Deno.test("migrations are recorded once and harmless when their SQL runs again", async () => {
  const { sql } = await testDatabase();
  const migrations = await readMigrations();
  assert.ok(migrations.length > 0);
  // Already applied by the harness (or by the Supabase CLI in CI): nothing left to do.
  assert.deepEqual(await applyMigrations(sql), []);
  const recorded = await sql<{ version: string }[]>`
    select version from supabase_migrations.schema_migrations order by version`;
  assert.deepEqual(recorded.map((r) => r.version), migrations.map((m) => m.version));
  // Running every file's SQL once more changes nothing and fails nothing.
  for (const migration of migrations) await sql.begin((tx) => tx.unsafe(migration.sql));
  const [{ forced }] = await sql`
    select bool_and(relforcerowsecurity and relrowsecurity) as forced from pg_class
    where relnamespace = 'onboarding'::regnamespace and relkind = 'r'`;
  assert.equal(forced, true);
});
