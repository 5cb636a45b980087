/**
 * The dependencies of a deployed function, built from the environment once per isolate.
 */
import { ConfigError, loadConfig } from "./config.ts";
import { connect } from "./db/client.ts";
import type { AppDeps } from "./http/app.ts";

/**
 * Reads the configuration and opens a lazy database pool. Throws {@link ConfigError} naming the
 * missing variables when the environment is incomplete.
 */
export function loadRuntime(): AppDeps {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError("Invalid configuration: DATABASE_URL or SUPABASE_DB_URL is required");
  }
  const sql = connect(config.databaseUrl, {
    max: config.databasePoolMax,
    prepare: config.databasePrepare,
  });
  return { config, sql };
}
