/**
 * Everything an HTTP-level test needs: the real function apps on the test database, behind the
 * same gateway as the dev server, and tokens for any user. Every response the harness gives a
 * test is first checked against the OpenAPI document (`openapi_check.ts`).
 */
import { parseConfig } from "../../shared/config.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import type { AppDeps } from "../../shared/http/app.ts";
import type { Sql } from "../../shared/db/client.ts";
import { createFunctionApps, functionsDocument } from "../../scripts/lib/functions.ts";
import { createGateway } from "../../scripts/lib/gateway.ts";
import { ResponseChecker } from "./openapi_check.ts";
import { type TestDatabase, testDatabase, uniqueUserId } from "./database.ts";
import { type FakeHandler, type FakeOpenAI, startFakeOpenAI } from "./fake_openai.ts";

/** The secret test tokens are signed with. */
export const TEST_SECRET = "test-secret-for-the-onboarding-api-0123456789";

/** A running API for tests. */
export interface Harness {
  db: TestDatabase;
  deps: AppDeps;
  /** Sends a request to a local URL path such as `/api/auth/me`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The gateway, for serving the harness over real HTTP (`Deno.serve`); responses checked too. */
  handler(request: Request): Promise<Response>;
}

/**
 * Limits far above what any test sends, so every request is still counted (and carries the
 * headers) but only the rate-limit tests, which set their own, are refused.
 */
const UNREACHED_RATE_LIMITS = {
  RATE_LIMIT_REQUESTS_PER_MINUTE: "100000",
  RATE_LIMIT_MESSAGES_PER_MINUTE: "100000",
  RATE_LIMIT_UPLOADS_PER_HOUR: "100000",
};

/**
 * Builds a harness; `env` adds or overrides configuration variables. `options.sql` gives the
 * apps their own pool instead of the shared test pool (fault tests break theirs on purpose).
 */
export async function createHarness(
  env: Record<string, string> = {},
  options: { sql?: Sql } = {},
): Promise<Harness> {
  const db = await testDatabase();
  const config = parseConfig({
    EXTERNAL_JWT_SECRET: TEST_SECRET,
    DATA_DIR: ".data/test",
    ...UNREACHED_RATE_LIMITS,
    ...env,
  });
  const sql = options.sql ?? db.sql;
  const deps = { config, sql };
  const gateway = createGateway(createFunctionApps(deps), sql);
  const checked = async (request: Request) => {
    const { method, url } = request;
    return await checkedResponse(method, url, await gateway(request));
  };
  return {
    db,
    deps,
    fetch: (path, init) => checked(new Request(new URL(path, "http://localhost:8000"), init)),
    handler: checked,
  };
}

// The document is the same for every app: made and compiled once per test process.
let checker: ResponseChecker | undefined;

/**
 * Sends a request to a function app directly (`app.request(path, init)`) and checks its response
 * against the OpenAPI document, as the harness does for every response it gives.
 */
export async function checkedRequest(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return await checkedResponse(init.method ?? "GET", path, await app.request(path, init));
}

// Checks `response` to `method` on `url` (a local server URL, or a function path) against the
// OpenAPI document; resolves to the response, unread.
async function checkedResponse(
  method: string,
  url: string,
  response: Response,
): Promise<Response> {
  checker ??= new ResponseChecker(await functionsDocument());
  await checker.check(method, url, response);
  return response;
}

/**
 * A harness in AI mode: a local OpenAI-compatible server answering with `handler`, and the API
 * configured to use it. Close `fake` when done.
 */
export async function createAiHarness(
  handler: FakeHandler,
): Promise<{ fake: FakeOpenAI; harness: Harness }> {
  const fake = await startFakeOpenAI(handler);
  const harness = await createHarness({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl });
  return { fake, harness };
}

/** A test user: its ids and ready-made request headers. */
export interface TestUser {
  userId: string;
  username: string;
  token: string;
  headers: Record<string, string>;
}

/** Mints a token for a fresh user (or the given `userId`). */
export async function testUser(userId = uniqueUserId(), username = "測試用戶"): Promise<TestUser> {
  const token = await mintToken(TEST_SECRET, { user_id: userId, username });
  return {
    userId,
    username,
    token,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
  };
}

/**
 * Request headers with an admin's token (contract §9) for a fresh user id; `role` gives the
 * claim another value (a refusal test's).
 */
export async function adminHeaders(role: unknown = "admin"): Promise<Record<string, string>> {
  const token = await mintToken(TEST_SECRET, {
    user_id: uniqueUserId("admin"),
    username: "a",
    role,
  });
  return { Authorization: `Bearer ${token}` };
}
