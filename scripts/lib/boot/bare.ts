/**
 * The boot benchmark's lower bound (scripts/lib/boot_bench.ts): a Hono app that answers its
 * health request without a database. Served as `/bare/health`, the way Supabase passes paths.
 */
import { Hono } from "hono";

const app = new Hono().basePath("/bare");
app.get("/health", (c) => c.json({ status: "ok" }));

export default { fetch: app.fetch } satisfies Deno.ServeDefaultExport;
