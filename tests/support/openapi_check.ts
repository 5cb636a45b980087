/**
 * Checking responses against the OpenAPI document (contract §8): the harness checks every
 * response it gives a test, so a status, field or shape the document does not describe fails
 * the test that received it. The schemas are OpenAPI 3.1's, JSON Schema 2020-12, checked by ajv.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "../../shared/http/openapi_document.ts";

/** The prefixes the local server answers under (contract §2). */
const PREFIXES = ["/api", "/functions/v1"];

const DOCUMENT_ID = "https://openapi.test/openapi.json";

/** RFC 3339 in UTC, as the contract's timestamps are (§4). */
const UTC_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A document's compiled response schemas. */
export class ResponseChecker {
  #ajv: Ajv2020;
  #validators = new Map<string, ValidateFunction>();
  #templates: { path: string; pattern: RegExp; params: number }[];

  constructor(readonly document: OpenApiDocument) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    this.#ajv.addFormat("date-time", UTC_TIMESTAMP);
    this.#ajv.addFormat("binary", true);
    this.#ajv.addSchema(document as object, DOCUMENT_ID);
    // A fixed path wins over a template matching it too (`/data/current`, `/data/{session_id}`).
    this.#templates = Object.keys(document.paths ?? {}).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^/]+\}/g, "[^/]+")}$`),
      params: (path.match(/\{/g) ?? []).length,
    })).sort((a, b) => a.params - b.params);
  }

  /**
   * Throws when `response` (to `method` on the local server's `url`) is not what the document
   * says that operation answers with that status: an undocumented status or content type, or
   * a JSON body that does not fit the schema. A server-sent event stream is checked for its
   * content type only. Reads a clone; the response itself is left unread.
   */
  async check(method: string, url: string, response: Response): Promise<void> {
    method = method.toLowerCase();
    if (method === "options") return; // CORS preflights are not operations
    const path = functionPath(new URL(url, "http://localhost").pathname);
    const template = this.#templates.find((t) => t.pattern.test(path));
    // deno-lint-ignore no-explicit-any
    const operation = template && (this.document.paths as any)[template.path]?.[method];
    const where = `${method.toUpperCase()} ${path} → ${response.status}`;
    let pointer: string[];
    if (operation) {
      if (!operation.responses?.[response.status]) {
        throw new Error(`${where}: the document does not list this status for the operation`);
      }
      pointer = ["paths", template!.path, method, "responses", String(response.status)];
    } else if (path === "/" && method === "get") {
      pointer = ["paths", "/auth/health", "get", "responses", String(response.status)];
    } else {
      // No operation: only the app's or the gateway's 404 is right.
      if (response.status !== 404) throw new Error(`${where}: no operation in the document`);
      pointer = ["components", "schemas", "Error"];
      await this.#checkJson(where, pointer, response);
      return;
    }
    // deno-lint-ignore no-explicit-any
    const documented = at(this.document, pointer) as any;
    const contentType = (response.headers.get("Content-Type") ?? "").split(";")[0].trim();
    const content = documented?.content ?? {};
    if (!contentType) {
      if (Object.keys(content).length > 0 && response.body !== null) {
        throw new Error(`${where}: a body without a Content-Type`);
      }
      return;
    }
    if (!content[contentType]) {
      throw new Error(`${where}: the document does not list the content type ${contentType}`);
    }
    if (contentType === "text/event-stream") return;
    await this.#checkJson(where, [...pointer, "content", contentType, "schema"], response);
  }

  async #checkJson(where: string, pointer: string[], response: Response): Promise<void> {
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
    }
    const validate = this.#validator(pointer);
    if (!validate(body)) {
      throw new Error(
        `${where}: the body does not fit the document's schema: ` +
          `${this.#ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`,
      );
    }
  }

  #validator(pointer: string[]): ValidateFunction {
    const ref = `${DOCUMENT_ID}#/${pointer.map(escapePointer).join("/")}`;
    let validate = this.#validators.get(ref);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#validators.set(ref, validate);
    }
    return validate;
  }
}

/** The path as the function sees it (`/chatbot/message`), without the local server's prefix. */
function functionPath(pathname: string): string {
  for (const prefix of PREFIXES) {
    if (pathname.startsWith(`${prefix}/`)) return pathname.slice(prefix.length);
  }
  return pathname;
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}

function at(value: unknown, pointer: string[]): unknown {
  // deno-lint-ignore no-explicit-any
  return pointer.reduce((node: any, key) => node?.[key], value);
}
