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

/** Another live process holds the lock on an embedded database's folder. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
  constructor(
    /** The locked data folder. */
    readonly dataDir: string,
    /** The holder's process id, as it wrote it into the lock file (when readable). */
    readonly pid: number | undefined,
  ) {
    super(`${dataDir} is in use by another process${pid ? ` (pid ${pid})` : ""}`);
  }
}

/** The lock file inside a data folder; PostgreSQL ignores files it does not know. */
const LOCK_FILE = "embedded.lock";

/**
 * Takes an exclusive OS file lock on `dataDir` (created when missing) for the life of this
 * process, writing our pid into the lock file so the next process can name us. PGlite has no
 * lock of its own: two processes on one folder would each write their own copy of the database
 * and one's changes would be lost. An OS lock (not a pid file) dies with its process, so a
 * server killed with `kill -9` never leaves a stale lock behind. Throws
 * {@link DataDirInUseError} at once, without waiting, when a live process holds it.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): void }> {
  await Deno.mkdir(dataDir, { recursive: true });
  const path = `${dataDir}/${LOCK_FILE}`;
  const file = await Deno.open(path, { read: true, write: true, create: true });
  if (!(await file.tryLock(true))) {
    file.close();
    const pid = Number.parseInt(await Deno.readTextFile(path).catch(() => ""), 10);
    throw new DataDirInUseError(dataDir, Number.isFinite(pid) && pid > 0 ? pid : undefined);
  }
  await file.truncate(0);
  await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
  return {
    release() {
      try {
        file.close(); // closing the file releases the lock
      } catch {
        // already closed
      }
    },
  };
}

/**
 * Starts PGlite on `dataDir` (created when missing, locked against other processes: see
 * {@link lockDataDir}) and serves it on 127.0.0.1:`port` (0 = any).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port = 0,
): Promise<EmbeddedPostgres> {
  const lock = await lockDataDir(dataDir);
  try {
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
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
