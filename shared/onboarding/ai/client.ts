/**
 * The OpenAI client, one per isolate and configuration. The `openai` module is imported lazily
 * so that requests which never talk to a model (auth, exports, rule-mode sessions) do not pay
 * for loading it; the client is created once and reused because it holds connection state.
 */

import type OpenAI from "openai";
import type { Config } from "../../config.ts";
import { lazy } from "../../lazy.ts";

/** The configured model endpoint (what `config.openai` holds when AI mode is on). */
export type AiConfig = NonNullable<Config["openai"]>;

/** Per-request limits: the SDK defaults (10 min, 2 retries) would tie up an edge isolate. */
export interface CallPolicy {
  /** Milliseconds before one attempt is abandoned. */
  timeoutMs: number;
  /** Extra attempts after a timeout, 429 or 5xx. */
  maxRetries: number;
}

/** 20 s per attempt and one retry: well inside the edge runtime's 150 s idle limit. */
export const DEFAULT_POLICY: CallPolicy = { timeoutMs: 20_000, maxRetries: 1 };

/** Options for {@link getOpenAI}. */
export interface ClientOptions extends Partial<CallPolicy> {
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

/** Loads the `openai` module once (lazily, see the file comment). */
export const loadOpenAIModule: () => Promise<typeof import("openai")> = lazy(() =>
  import("openai")
);

const clients = new Map<string, Promise<OpenAI>>();
const clientsByFetch = new WeakMap<typeof fetch, Map<string, Promise<OpenAI>>>();

/**
 * The shared client for `config` and `options`: memoised per API key, base URL and policy
 * (and per injected fetch), so every turn of every session in the isolate reuses it.
 */
export function getOpenAI(config: AiConfig, options: ClientOptions = {}): Promise<OpenAI> {
  const timeout = options.timeoutMs ?? DEFAULT_POLICY.timeoutMs;
  const maxRetries = options.maxRetries ?? DEFAULT_POLICY.maxRetries;
  const key = JSON.stringify([config.apiKey, config.baseUrl ?? null, timeout, maxRetries]);
  let cache = clients;
  if (options.fetch) {
    cache = clientsByFetch.get(options.fetch) ?? new Map();
    clientsByFetch.set(options.fetch, cache);
  }
  let client = cache.get(key);
  if (!client) {
    client = loadOpenAIModule().then((mod) =>
      new mod.default({
        apiKey: config.apiKey,
        // Explicit, so the SDK never falls back to reading OPENAI_BASE_URL from the env itself.
        baseURL: config.baseUrl ?? "https://api.openai.com/v1",
        timeout,
        maxRetries,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      })
    );
    client.catch(() => cache.delete(key));
    cache.set(key, client);
  }
  return client;
}
