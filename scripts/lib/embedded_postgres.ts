/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) with its data in a local
 * folder, served over the PostgreSQL wire protocol on a loopback port so the application uses
 * the same postgres.js code path as in production. For the dev server and tests only.
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** A running embedded database. */
export interface EmbeddedPostgres {
  /** A connection URL for postgres.js. PGlite has a single backend: use a pool of one. */
  url: string;
  stop(): Promise<void>;
}

/** Starts PGlite on `dataDir` (created when missing) and serves it on 127.0.0.1:`port` (0 = any). */
export async function startEmbeddedPostgres(
  dataDir: string,
  port = 0,
): Promise<EmbeddedPostgres> {
  await Deno.mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port });
  await server.start();
  const address = (server as unknown as { server?: { address(): { port: number } } }).server
    ?.address();
  const boundPort = address?.port ?? port;
  return {
    url: `postgres://postgres@127.0.0.1:${boundPort}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
