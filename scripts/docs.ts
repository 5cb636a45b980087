/**
 * `deno task docs [folder]`: writes the API reference as a static site (default
 * `dist/api-docs/`): `index.html` (Swagger UI), `redoc.html` (ReDoc), `openapi.json` and the
 * pages' `assets/`, for any static host. Supabase serves HTML from its default domain only as
 * `text/plain`, so the pages cannot be hosted as an edge function; the functions themselves
 * serve their documents at `GET /<fn>/openapi.json`.
 *
 * The document is the one `GET /openapi.json` of `deno task dev` serves, built from the function
 * apps; `PORT` sets the local server's port.
 */
import { parseConfig } from "../shared/config.ts";
import { connect } from "../shared/db/client.ts";
import { DOCS_PACKAGES, writeStaticDocs } from "./lib/api_docs.ts";
import { apiDocument } from "../shared/http/openapi_document.ts";
import { createFunctionApps } from "./lib/functions.ts";

const folder = Deno.args[0] ?? "dist/api-docs";
const env = Deno.env.toObject();
// The apps need a configuration and a pool to be built; serving their documents touches neither,
// and postgres.js connects lazily, so no database has to run.
const config = parseConfig({ ...env, EXTERNAL_JWT_SECRET: env.EXTERNAL_JWT_SECRET || "unused" });
const sql = connect("postgres://docs@127.0.0.1:1/none", { max: 1 });
try {
  const apps = createFunctionApps({ config, sql });
  const document = await apiDocument(apps, {
    localUrl: `http://localhost:${env.PORT || 8000}/api`,
  });
  const files = await writeStaticDocs(folder, document);
  console.log(
    `Wrote ${files.length} files to ${folder}/ (${Object.keys(document.paths ?? {}).length} paths)`,
  );
  console.log(
    `  pages from swagger-ui-dist ${
      DOCS_PACKAGES["swagger-ui-dist"]
    } and redoc ${DOCS_PACKAGES.redoc}`,
  );
  console.log(`  serve ${folder}/ with any static file server and open index.html or redoc.html`);
} finally {
  await sql.end({ timeout: 1 });
}
