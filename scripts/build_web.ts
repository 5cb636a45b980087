/**
 * `deno task web`: the reference chat page as static files in `web/dist/` (`index.html`,
 * `chat.css`, `chat.js`), for any static host. Point it at the API with `?api=<base URL>`, e.g.
 * `https://<ref>.supabase.co/functions/v1`, or the page's API address field.
 */
import { bundleChatScript } from "./lib/chat_page.ts";

const web = new URL("../web/", import.meta.url);
const dist = new URL("dist/", web);
await Deno.mkdir(dist, { recursive: true });
await Deno.copyFile(new URL("index.html", web), new URL("index.html", dist));
await Deno.copyFile(new URL("chat.css", web), new URL("chat.css", dist));
await Deno.writeTextFile(new URL("chat.js", dist), await bundleChatScript());
console.log(`wrote ${dist.pathname}{index.html,chat.css,chat.js}`);
