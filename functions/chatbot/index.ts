import { loadRuntime } from "../../shared/runtime.ts";
import { createChatbotApp } from "./app.ts";

export default { fetch: createChatbotApp(loadRuntime()).fetch } satisfies Deno.ServeDefaultExport;
