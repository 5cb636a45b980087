import { loadRuntime } from "../../shared/runtime.ts";
import { createAuthApp } from "./app.ts";

export default { fetch: createAuthApp(loadRuntime()).fetch } satisfies Deno.ServeDefaultExport;
