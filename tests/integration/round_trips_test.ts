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
  // Without prepared statements postgres.js describes each statement with parameters in a round
  // trip of its own before sending it, and pipelines nothing behind it: every request pays per
  // statement, the floor too, and the comparison says nothing about the message path.
  ignore: !db.prepare,
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
  ignore: !db.prepare,
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
