/**
 * The `admin` edge function (contract §9): what the main system's admins see and change across
 * users. Every route needs a token whose `role` claim is `admin`; the rows of other users are
 * opened to it by row-level-security policies on that claim, not by a privileged connection.
 */
import { type AppDeps, createFunctionApp, type FunctionApp } from "../../shared/http/app.ts";
import { activityRoutes } from "./routes/activity.ts";
import { reportRoutes } from "./routes/reports.ts";
import { userRoutes } from "./routes/users.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

/** Builds the `admin` app. */
export function createAdminApp(deps: AppDeps): FunctionApp {
  const app = createFunctionApp("admin", deps);
  userRoutes(app, deps);
  reportRoutes(app, deps);
  activityRoutes(app, deps);
  webhookRoutes(app, deps);
  return app;
}
