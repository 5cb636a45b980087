/**
 * A TCP proxy in front of PostgreSQL that counts round trips, for the bench and the round-trip
 * test. It knows nothing of the wire protocol or the driver: on each connection it counts the
 * times the client sends after the server has sent (a "turn": the client waited for an answer
 * before going on). Statements pipelined together are one turn; a driver that waits between
 * them, or an extra `BEGIN` or `COMMIT` on its own, shows as more.
 */

/** A running proxy. */
export interface RoundTripProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  url: string;
  /** The turns counted on all connections since the start or the last {@link reset}. */
  turns(): number;
  /** Starts counting from zero. */
  reset(): void;
  /** Stops listening and closes every proxied connection. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (any free port) to the server of `databaseUrl`. */
export function startRoundTripProxy(databaseUrl: string): RoundTripProxy {
  const target = new URL(databaseUrl);
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  const port = Number(target.port || 5432);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const pipes: Promise<void>[] = [];
  let turns = 0;

  const serve = async (client: Deno.Conn) => {
    conns.add(client);
    let server: Deno.Conn;
    try {
      server = await Deno.connect({ hostname, port });
    } catch {
      client.close();
      conns.delete(client);
      return;
    }
    conns.add(server);
    // The client's first bytes (the startup message) come after nothing: they are a turn too.
    let serverSpoke = true;
    await Promise.all([
      pipe(client, server, () => {
        if (serverSpoke) turns++;
        serverSpoke = false;
      }),
      pipe(server, client, async () => {
        // The client cannot answer what it has not received: whatever it sends before this
        // reaches it belongs to the turn in flight. A driver may flush one batch in two writes
        // (postgres.js writes 1 KiB at once and defers the rest by a tick); let the rest arrive
        // and be counted first, or a busy event loop would see it as a reply.
        await new Promise((resolve) => setTimeout(resolve, 5));
        serverSpoke = true;
      }),
    ]);
    for (const conn of [client, server]) {
      conns.delete(conn);
      try {
        conn.close();
      } catch {
        // already closed
      }
    }
  };

  const accepting = (async () => {
    try {
      for await (const client of listener) pipes.push(serve(client));
    } catch {
      // the listener was closed
    }
  })();

  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((listener.addr as Deno.NetAddr).port);
  return {
    url: proxied.toString(),
    turns: () => turns,
    reset: () => turns = 0,
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // already closed
        }
      }
      await accepting;
      await Promise.all(pipes);
    },
  };
}

// Copies `from` to `to` until either ends, calling `seen` before forwarding each chunk read (so
// a chunk is counted before the other side can possibly answer it).
async function pipe(
  from: Deno.Conn,
  to: Deno.Conn,
  seen: () => void | Promise<void>,
): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  try {
    while (true) {
      const n = await from.read(buffer);
      if (n === null) break;
      await seen();
      let written = 0;
      while (written < n) written += await to.write(buffer.subarray(written, n));
    }
  } catch {
    // either side closed
  }
  try {
    to.closeWrite();
  } catch {
    // already closed
  }
}
