/**
 * A stand-in for the few Supabase Management API endpoints that `supabase functions deploy
 * --use-api` calls, so the real CLI can deploy offline and every upload can be inspected:
 * `GET /v1/projects/<ref>`, `GET /v1/projects/<ref>/functions`, the multipart
 * `POST /v1/projects/<ref>/functions/deploy?slug=<name>[&bundleOnly=true]` (one per function)
 * and `PUT /v1/projects/<ref>/functions` (the CLI's bulk update after several bundle-only
 * uploads). Nothing is bundled or run here; the test and `deno task deploy -- --dry` start the
 * captured files themselves.
 */

/** One function upload as the CLI sent it. */
export interface CapturedDeploy {
  /** The `slug` query parameter. */
  slug: string;
  /** Whether the CLI asked for `bundleOnly=true` (it does when deploying several functions). */
  bundleOnly: boolean;
  /** The `metadata` part, parsed. */
  metadata: DeployMetadata;
  /** Every `file` part, by its name (the path relative to the directory the CLI ran in). */
  files: Map<string, Uint8Array>;
}

/** The `metadata` part of a deploy upload (field names as the CLI sends them). */
export interface DeployMetadata {
  name?: string;
  entrypoint_path: string;
  import_map_path?: string;
  static_patterns?: string[];
  verify_jwt?: boolean;
  [other: string]: unknown;
}

/** One request the stand-in received, in order. */
export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** Whether the request carried `Authorization: Bearer sbp_…`. */
  authorized: boolean;
  /** The status the stand-in answered. */
  status: number;
}

/** A running stand-in. */
export interface ManagementApiStandIn {
  /** Base URL, e.g. `http://127.0.0.1:40123` (what a CLI profile's `api_url` points at). */
  url: string;
  port: number;
  /** Uploads in arrival order; a repeated slug appears twice. */
  deploys: CapturedDeploy[];
  requests: RecordedRequest[];
  /** The `PUT …/functions` bodies, parsed. */
  bulkUpdates: unknown[];
  close(): Promise<void>;
}

/** The port is taken: another stand-in (or the real local Management API) is running there. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(
      `Port ${port} on 127.0.0.1 is in use; the deploy stand-in cannot listen there. Stop the ` +
        `process using it, or let the stand-in pick a free port (port 0) and point the CLI at it ` +
        `with a profile file.`,
    );
  }
}

const PROJECT_PATH = /^\/v1\/projects\/([a-z]{20})(\/functions(\/deploy)?)?\/?$/;

/**
 * Starts the stand-in on 127.0.0.1:`port` (0: any free port). Throws {@link PortInUseError}
 * when the port is taken.
 */
export function startManagementApiStandIn(port = 0): ManagementApiStandIn {
  const deploys: CapturedDeploy[] = [];
  const requests: RecordedRequest[] = [];
  const bulkUpdates: unknown[] = [];
  const deployed = new Map<string, Record<string, unknown>>();

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = PROJECT_PATH.exec(url.pathname);
    if (!match) return Response.json({ message: "Not found" }, { status: 404 });
    const [, ref, functions, deploy] = match;
    if (request.method === "GET" && !functions) {
      return Response.json({
        id: ref,
        ref,
        organization_id: "offline-organization",
        organization_slug: "offline-organization",
        name: "offline stand-in",
        region: "local",
        created_at: "2026-01-01T00:00:00Z",
        status: "ACTIVE_HEALTHY",
      });
    }
    if (request.method === "GET" && functions && !deploy) {
      return Response.json([...deployed.values()]);
    }
    if (request.method === "POST" && deploy) {
      const slug = url.searchParams.get("slug");
      if (!slug) return Response.json({ message: "slug is required" }, { status: 400 });
      const form = await request.formData();
      const metadataText = form.get("metadata");
      if (typeof metadataText !== "string") {
        return Response.json({ message: "metadata is required" }, { status: 400 });
      }
      const files = new Map<string, Uint8Array>();
      for (const part of form.getAll("file")) {
        if (typeof part === "string") continue;
        files.set(part.name, new Uint8Array(await part.arrayBuffer()));
      }
      const metadata = JSON.parse(metadataText) as DeployMetadata;
      deploys.push({
        slug,
        bundleOnly: url.searchParams.get("bundleOnly") === "true",
        metadata,
        files,
      });
      const previous = deployed.get(slug);
      const now = Date.now();
      const fn = {
        id: previous?.id ?? crypto.randomUUID(),
        slug,
        name: metadata.name ?? slug,
        status: "ACTIVE",
        version: Number(previous?.version ?? 0) + 1,
        created_at: previous?.created_at ?? now,
        updated_at: now,
        verify_jwt: metadata.verify_jwt ?? true,
        import_map: metadata.import_map_path !== undefined,
        entrypoint_path: metadata.entrypoint_path,
        import_map_path: metadata.import_map_path,
      };
      deployed.set(slug, fn);
      return Response.json(fn, { status: 201 });
    }
    if (request.method === "PUT" && functions && !deploy) {
      const body = await request.json();
      bulkUpdates.push(body);
      return Response.json({ functions: Array.isArray(body) ? body : [] });
    }
    return Response.json({ message: "Not found" }, { status: 404 });
  }

  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, async (request) => {
      const url = new URL(request.url);
      let response: Response;
      try {
        response = await handle(request);
      } catch (error) {
        response = Response.json({ message: String(error) }, { status: 400 });
      }
      requests.push({
        method: request.method,
        path: url.pathname + url.search,
        authorized: /^Bearer sbp_[0-9a-f]{40}$/.test(request.headers.get("authorization") ?? ""),
        status: response.status,
      });
      return response;
    });
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) throw new PortInUseError(port);
    throw error;
  }
  const actualPort = server.addr.port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    deploys,
    requests,
    bulkUpdates,
    close: () => server.shutdown(),
  };
}
