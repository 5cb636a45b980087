/**
 * A small migration applier for local and test databases. It records into the same table as
 * the Supabase CLI (`supabase_migrations.schema_migrations`), so a database migrated by either
 * is recognised by the other and nothing is applied twice.
 */
import type { Sql } from "../../shared/db/client.ts";

/** The folder holding `<timestamp>_<name>.sql` files. */
export const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);

const FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;

/** One migration file. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads the migrations in `dir`, ordered by version. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = entry.isFile ? FILE_PATTERN.exec(entry.name) : null;
    if (!match) continue;
    const sql = await Deno.readTextFile(new URL(entry.name, dir));
    migrations.push({ version: match[1], name: match[2], sql });
  }
  return migrations.sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Applies every migration not yet recorded, each in its own transaction, under an advisory lock
 * so that concurrent appliers wait for each other. Returns the versions it applied.
 */
export async function applyMigrations(sql: Sql, dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('onboarding.migrations'))`;
    await tx.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text not null primary key, statements text[], name text);`);
    const rows = await tx<{ version: string }[]>`
      select version from supabase_migrations.schema_migrations`;
    const done = new Set(rows.map((r) => r.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.unsafe(migration.sql);
      await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
               values (${migration.version}, ${migration.name}, ${[migration.sql]})`;
      applied.push(migration.version);
    }
  });
  return applied;
}
