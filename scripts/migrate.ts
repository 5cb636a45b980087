/**
 * `deno task migrate`: applies pending migrations to DATABASE_URL (for a local or CI database;
 * on Supabase use `supabase db push`, which records into the same table).
 */
import { connect } from "../shared/db/client.ts";
import { applyMigrations } from "./lib/migrate.ts";

const url = Deno.env.get("DATABASE_URL");
if (!url) {
  console.error("DATABASE_URL is required");
  Deno.exit(2);
}
const sql = connect(url, { max: 1 });
try {
  const applied = await applyMigrations(sql);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "nothing to apply");
} finally {
  await sql.end();
}
