import { loadRuntime } from "../../shared/runtime.ts";
import { createAdminApp } from "./app.ts";

export default { fetch: createAdminApp(loadRuntime()).fetch } satisfies Deno.ServeDefaultExport;
