/**
 * The postgres.js connection pool, configured the same way for Supabase, a plain PostgreSQL
 * and the embedded PGlite.
 */
import postgres from "postgres";

/** A postgres.js pool or transaction. */
export type Sql = postgres.Sql;
/** A connection inside a transaction, as `asUser` hands it to its callback. */
export type Tx = postgres.Sql;

/** Options for {@link connect}. */
export interface ConnectOptions {
  max?: number;
  /** Named prepared statements; off for transaction-mode poolers. */
  prepare?: boolean;
  /** Called after every query the pool sends (benchmarks count round trips with it). */
  onQuery?: () => void;
}

/**
 * Opens a lazy pool on `url` (nothing connects until the first query). `bigint` columns are read
 * as JavaScript numbers: capitals stay far below 2^53, and the JSON contract wants numbers.
 */
export function connect(url: string, options: ConnectOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 4,
    prepare: options.prepare ?? true,
    // Contract §4: a request is answered within 5 s while the database is down. A connection
    // attempt can time out twice in one request (a backend terminated during startup is retried
    // once), so each attempt gets 2 s.
    connect_timeout: 2,
    // Reconnect delays after failed connections: postgres.js grows them to 20 s, longer than a
    // client's patience once the database is back; 1 s at most keeps recovery within seconds.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    idle_timeout: 20,
    onnotice: () => {},
    debug: options.onQuery ? () => options.onQuery?.() : undefined,
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (value: number) => String(value),
        parse: (value: string) => Number(value),
      },
    },
    connection: { application_name: "onboarding-chatbot" },
  });
}
