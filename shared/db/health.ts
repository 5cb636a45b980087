/**
 * The database check behind the health endpoints.
 */
import type { Sql } from "./client.ts";

/** Resolves true when the database answers a trivial query within `timeoutMs`, else false. */
export async function databaseIsUp(sql: Sql, timeoutMs = 3000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The health body of contract §5.11 and its status: 200 when the database answers, else 503. */
export async function healthReport(
  sql: Sql,
  version: string,
): Promise<{ body: { status: string; version: string; database: string }; status: 200 | 503 }> {
  const up = await databaseIsUp(sql);
  return {
    body: { status: up ? "ok" : "degraded", version, database: up ? "ok" : "unavailable" },
    status: up ? 200 : 503,
  };
}
