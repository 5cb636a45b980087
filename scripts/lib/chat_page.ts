/**
 * The reference chat page (`web/`) as the dev server serves it: `GET /chat` (redirected to
 * `/chat/`, so the page's relative links resolve), its HTML and CSS as written, and its script
 * bundled from `web/src/main.ts` by `deno bundle` on the first request (browsers do not run
 * TypeScript); `GET /chat/dev-token` only when the dev server made its own secret.
 * `deno task web` writes the same three files to `web/dist/` for any static host.
 *
 * @module
 */
import { lazy } from "../../shared/lazy.ts";

const WEB = new URL("../../web/", import.meta.url);

/** What the page needs from the server besides its files. */
export interface ChatPageOptions {
  /**
   * A development token for the page's "use a development token" button; absent when the
   * server runs with a real secret (the button is not shown then).
   */
  devToken?: () => Promise<string>;
}

/** The page's script: `web/src/main.ts` and its imports as one browser module. */
export async function bundleChatScript(): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--platform", "browser", "--quiet", new URL("src/main.ts", WEB).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`deno bundle web/src/main.ts failed: ${new TextDecoder().decode(stderr)}`);
  }
  return new TextDecoder().decode(stdout);
}

const FILES: Record<string, { file?: string; type: string }> = {
  "/chat/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/chat/chat.css": { file: "chat.css", type: "text/css; charset=utf-8" },
  "/chat/chat.js": { type: "text/javascript; charset=utf-8" },
};

/** `next`, with the chat page's routes in front of it. */
export function withChatPage(
  next: (request: Request) => Promise<Response>,
  options: ChatPageOptions = {},
): (request: Request) => Promise<Response> {
  const script = lazy(bundleChatScript);
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== "GET" || !url.pathname.startsWith("/chat")) return await next(request);
    if (url.pathname === "/chat") {
      return new Response(null, { status: 301, headers: { Location: `/chat/${url.search}` } });
    }
    if (url.pathname === "/chat/dev-token") {
      if (!options.devToken) return Response.json({ detail: "Not found" }, { status: 404 });
      return Response.json({ token: await options.devToken() }, {
        headers: { "Cache-Control": "no-store" },
      });
    }
    const served = FILES[url.pathname];
    if (!served) return await next(request);
    const body = served.file
      ? await Deno.readFile(new URL(served.file, WEB))
      : new TextEncoder().encode(await script());
    return new Response(body, {
      headers: { "Content-Type": served.type, "Cache-Control": "no-cache" },
    });
  };
}
