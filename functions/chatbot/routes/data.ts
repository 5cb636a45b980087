/**
 * Collected data and its export (contract §5.7–§5.9). The fixed paths are registered before
 * their `{session_id}` siblings so they are never swallowed by them.
 */
import type { Hono } from "hono";
import {
  completedSnapshots,
  findCopySource,
  loadSnapshot,
  sessionData,
} from "../../../shared/db/onboarding.ts";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { ApiError, Detail } from "../../../shared/http/errors.ts";
import { parseId } from "../../../shared/http/json_body.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { toExportRecord } from "../../../shared/onboarding/export.ts";

const notFound = () => new ApiError(404, Detail.sessionNotFound);

/** Adds the data and export routes to `app`. */
export function dataRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get("/data/current", async (c) => {
    const data = await withUser(c, deps, async (tx, caller) => {
      const source = await findCopySource(tx, caller.owner);
      return source ? await sessionData(tx, source.sessionId) : undefined;
    });
    return c.json(data ? { has_data: true, data } : { has_data: false, data: null });
  });

  app.get("/data/:id", async (c) => {
    const sessionId = parseId(c.req.param("id"), notFound());
    const data = await withUser(c, deps, (tx) => sessionData(tx, sessionId));
    if (!data) throw notFound();
    return c.json(data);
  });

  app.get("/export/all", async (c) => {
    const snapshots = await withUser(
      c,
      deps,
      (tx, caller) => completedSnapshots(tx, caller.owner),
    );
    return c.json(snapshots.map(toExportRecord));
  });

  app.get("/export/:id", async (c) => {
    const sessionId = parseId(c.req.param("id"), notFound());
    const snapshot = await withUser(c, deps, (tx) => loadSnapshot(tx, sessionId));
    if (!snapshot) throw notFound();
    return c.json(toExportRecord(snapshot));
  });
}
