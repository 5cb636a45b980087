/**
 * `deno task openapi`: writes the merged OpenAPI document of every function to `openapi.json`
 * and the typed client's types, generated from it by openapi-typescript, to `examples/api.d.ts`.
 */
import { CLIENT_TYPES_PATH, clientTypesText, documentText, OPENAPI_PATH } from "./lib/openapi.ts";
import { functionsDocument } from "./lib/functions.ts";

const root = new URL("../", import.meta.url);
const document = await functionsDocument();
await Deno.writeTextFile(new URL(OPENAPI_PATH, root), documentText(document));
await Deno.writeTextFile(new URL(CLIENT_TYPES_PATH, root), await clientTypesText(document));
console.log(`wrote ${OPENAPI_PATH} and ${CLIENT_TYPES_PATH}`);
