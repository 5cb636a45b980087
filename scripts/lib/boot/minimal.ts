/**
 * The boot benchmark's reference (scripts/lib/boot_bench.ts): the smallest function that loads
 * what every request of ours needs — Hono, zod (the environment is validated with it), jose
 * and postgres.js — and whose health request runs one query. A function's cold boot is
 * measured as a ratio to this one's, in the same run.
 */
import { Hono } from "hono";
import { decodeProtectedHeader } from "jose";
import postgres from "postgres";
import { z } from "zod";

const env = z.object({ DATABASE_URL: z.string().min(1) }).parse(Deno.env.toObject());
const sql = postgres(env.DATABASE_URL, { max: 1 });
// Loaded, as a function that checks tokens loads it; not called by a health request.
void decodeProtectedHeader;

const app = new Hono().basePath("/minimal");
app.get("/health", async (c) => {
  await sql`select 1`;
  return c.json({ status: "ok" });
});

export default { fetch: app.fetch } satisfies Deno.ServeDefaultExport;
