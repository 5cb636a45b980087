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
