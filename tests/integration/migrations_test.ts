import assert from "node:assert/strict";
import { applyMigrations, readMigrations } from "../../scripts/lib/migrate.ts";
import { ownerFolder } from "../../shared/storage/paths.ts";
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

Deno.test("on a database with Supabase's storage schema, the bucket and folder policy are made", async () => {
  const { sql } = await testDatabase();
  const storageMigration = (await readMigrations()).find((m) => m.name === "upload_storage");
  assert.ok(storageMigration);
  const rollback = new Error("rollback");
  await assert.rejects(
    sql.begin(async (tx) => {
      // A stand-in for the storage schema Supabase has (buckets, objects, foldername()).
      await tx.unsafe(`
        create schema storage;
        create table storage.buckets (id text primary key, name text, public boolean,
          file_size_limit bigint, allowed_mime_types text[]);
        create table storage.objects (id serial primary key, bucket_id text, name text);
        create function storage.foldername(name text) returns text[] language sql as $$
          select (string_to_array(name, '/'))[1:cardinality(string_to_array(name, '/')) - 1]
        $$;
        alter table storage.objects enable row level security;
        grant usage on schema storage to authenticated;
        grant select, insert on storage.objects to authenticated;
        grant usage on all sequences in schema storage to authenticated;`);
      await tx.unsafe(storageMigration.sql);
      const [bucket] = await tx`select * from storage.buckets where id = 'onboarding-uploads'`;
      assert.equal(bucket.public, false);
      assert.equal(Number(bucket.file_size_limit), 10485760);
      assert.ok(bucket.allowed_mime_types.includes("application/pdf"));

      // The SQL folder function agrees with the one that builds object paths.
      for (const id of ["12345", "../evil/用戶"]) {
        const [{ folder }] = await tx`select onboarding.storage_folder(${id}) as folder`;
        assert.equal(folder, await ownerFolder(id));
      }

      // As user "12345": the own folder is writable, another user's is not.
      await tx`select set_config('request.jwt.claims', '{"external_user_id":"12345"}', true),
                      set_config('role', 'authenticated', true)`;
      await tx`insert into storage.objects (bucket_id, name)
               values ('onboarding-uploads', '12345/1/1-a.pdf')`;
      const refusal = await tx.savepoint((sp) =>
        sp`insert into storage.objects (bucket_id, name)
           values ('onboarding-uploads', '67890/1/1-a.pdf')`
      ).then(() => "stored", (error: Error) => error.message);
      assert.match(refusal, /row-level security/);
      throw rollback;
    }),
    (error) => error === rollback,
  );
  const [{ exists }] = await sql`select to_regnamespace('storage') is not null as exists`;
  assert.equal(exists, false, "the stand-in was rolled back");
});

Deno.test("a turn's updates can stay on their page: no index holds a column a turn changes", async () => {
  const { sql } = await testDatabase();
  // What a turn leaves alone, per table (shared/db/onboarding.ts, saveTurn); every other
  // column changes with the turns. Completion's status and completed_at change once only.
  const fixed: Record<string, string[]> = {
    company_onboarding: ["id", "chat_session_id", "user_id", "external_user_id", "created_at"],
    chat_sessions: ["id", "user_id", "external_user_id", "created_at", "status", "completed_at"],
  };
  for (const [table, kept] of Object.entries(fixed)) {
    const columns = await sql<{ name: string }[]>`
      select attname as name from pg_attribute
      where attrelid = ${`onboarding.${table}`}::regclass and attnum > 0 and not attisdropped`;
    const changing = columns.map((c) => c.name).filter((name) => !kept.includes(name));
    assert.ok(changing.includes("updated_at"), table);
    const indexes = await sql<{ definition: string }[]>`
      select pg_get_indexdef(indexrelid) as definition from pg_index
      where indrelid = ${`onboarding.${table}`}::regclass`;
    for (const { definition } of indexes) {
      const held = changing.filter((name) => new RegExp(`\\b${name}\\b`).test(definition));
      assert.deepEqual(held, [], definition);
    }
  }
});
