/**
 * Issue 11: a rule-mode `POST /message` costs no more database round trips than the floor
 * (`GET /auth/me`): the turn's reads travel with the transaction's setup, its writes with the
 * `COMMIT`. Counted by a proxy in front of the database (scripts/lib/round_trip_proxy.ts), not
 * timed.
 */
import assert from "node:assert/strict";
import { countRoundTrips } from "../../scripts/lib/conversation_bench.ts";
import { startRoundTripProxy } from "../../scripts/lib/round_trip_proxy.ts";
import { connect } from "../../shared/db/client.ts";
import { testDatabase } from "../support/database.ts";

const db = await testDatabase();

Deno.test({
  name: "a rule-mode message costs the floor's round trips: writes travel with COMMIT",
  // Also without prepared statements (a transaction-mode pooler): the vendored postgres.js
  // sends a statement whose parameters need no description with its Bind, pipelined
  // (vendor/postgres/PATCHED.md, item 7); unpatched, the floor cost 8 there and a message 13.
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const trips = await countRoundTrips(db.url, { prepare: db.prepare, floorRequests: 5 });
    // BEGIN + settings + the user row and rate limit, then COMMIT.
    assert.equal(trips.floor, 2);
    assert.ok(
      trips.message <= trips.floor,
      `message ${trips.message} round trips per request, floor ${trips.floor}`,
    );
  },
});

Deno.test({
  name: "the round-trip proxy counts a pipelined batch once and each awaited query again",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const proxy = startRoundTripProxy(db.url);
    const sql = connect(proxy.url, { max: 1, prepare: db.prepare });
    try {
      await sql`select 1`; // connects
      proxy.reset();
      await Promise.all([sql`select 1`, sql`select 2`, sql`select 3`]);
      assert.equal(proxy.turns(), 1);
      await sql`select 1`;
      await sql`select 2`;
      assert.equal(proxy.turns(), 3);
    } finally {
      await sql.end();
      await proxy.close();
    }
  },
});
