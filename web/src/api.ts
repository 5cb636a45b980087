/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="esnext" />
/**
 * The page's only way to the API: its public HTTP endpoints under a base URL (the local
 * server's `/api`, or a Supabase project's `/functions/v1`), with the bearer token. Shapes are
 * those of docs/api.md §5–§6.
 *
 * @module
 */
import type { components } from "../../examples/api.d.ts";
import { readEvents } from "./sse.ts";

// The shapes come from the OpenAPI document (`deno task openapi` writes examples/api.d.ts), so
// the page cannot drift from what the API sends: the type checker holds them together.
type Schemas = components["schemas"];

/** The progress object (§6). */
export type Progress = Schemas["Progress"];

/** A turn's answer: a message's (§5.3), a new session's (§5.2) or an upload's (§5.10). */
export type Turn = Schemas["MessageResponse"];

/** A stored message (§5.6). */
export type StoredMessage = Schemas["ChatMessage"];

/** A session in the list (§5.4). */
export type SessionSummary = Schemas["Session"];

/** The collected data of a session (§5.7). */
export type SessionData = Schemas["OnboardingData"];

/** A refused or failed request: its status (0: no answer at all) and the API's detail. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfter: string | null = null,
  ) {
    super(detail);
  }
}

// The statuses the `error` event's details stand for (docs/api.md §5.3).
const STREAM_ERRORS: Record<string, number> = {
  "Chat session already completed": 409,
  "Service temporarily unavailable": 503,
};

/** What a streamed reply tells the page while it arrives. */
export interface StreamHandlers {
  /** The next piece of the reply. */
  delta(text: string): void;
  /** Forget the pieces so far: the reply starts over. */
  reset(): void;
}

/** A client of the API for one token. */
export class Api {
  constructor(readonly baseUrl: string, readonly token: string) {}

  /** `GET /auth/me`: whether the token is accepted. */
  me(): Promise<Schemas["User"]> {
    return this.#json("GET", "/auth/me");
  }

  /** `POST /chatbot/sessions/new`. */
  newSession(): Promise<Schemas["NewSession"]> {
    return this.#json("POST", "/chatbot/sessions/new");
  }

  /** `GET /chatbot/sessions/latest`: the newest active session's id, or null. */
  async latestSession(): Promise<number | null> {
    const latest = await this.#json<Schemas["LatestSession"]>("GET", "/chatbot/sessions/latest");
    return latest.session_id;
  }

  /** `GET /chatbot/sessions`, newest first. */
  sessions(): Promise<SessionSummary[]> {
    return this.#json("GET", "/chatbot/sessions?limit=20");
  }

  /** `GET /chatbot/sessions/{id}/messages`, in conversation order. */
  messages(sessionId: number): Promise<StoredMessage[]> {
    return this.#json("GET", `/chatbot/sessions/${sessionId}/messages`);
  }

  /** `GET /chatbot/data/{id}`. */
  data(sessionId: number): Promise<SessionData> {
    return this.#json("GET", `/chatbot/data/${sessionId}`);
  }

  /** `GET /chatbot/export/{id}`, as the JSON text the server sent (keys in its order). */
  async exportText(sessionId: number): Promise<string> {
    const response = await this.#send("GET", `/chatbot/export/${sessionId}`);
    return await response.text();
  }

  /**
   * `POST /chatbot/message` with `Accept: text/event-stream`: `handlers` see the reply while it
   * arrives; resolves to the stored turn (the `done` event), rejects with an {@link ApiFailure}
   * for a refusal or an `error` event (nothing was stored then).
   */
  async sendMessage(sessionId: number, message: string, handlers: StreamHandlers): Promise<Turn> {
    const response = await this.#send("POST", "/chatbot/message", {
      body: JSON.stringify({ session_id: sessionId, message }),
      headers: {
        "Content-Type": "application/json",
        Accept: "text/event-stream",
        // A retry of this very message (a lost answer) is then not taken twice (§11).
        "Idempotency-Key": crypto.randomUUID(),
      },
    });
    if (!response.headers.get("Content-Type")?.startsWith("text/event-stream")) {
      return await response.json() as Turn;
    }
    for await (const { event, data } of readEvents(response.body!)) {
      if (event === "delta") handlers.delta((JSON.parse(data) as { text: string }).text);
      else if (event === "reset") handlers.reset();
      else if (event === "done") return JSON.parse(data) as Turn;
      else if (event === "error") {
        const { detail } = JSON.parse(data) as { detail: string };
        throw new ApiFailure(STREAM_ERRORS[detail] ?? 500, detail);
      }
    }
    throw new ApiFailure(0, "the stream ended without an answer");
  }

  /** `POST /chatbot/upload-file` into `sessionId`. */
  async upload(sessionId: number, file: File): Promise<Schemas["UploadResponse"]> {
    const form = new FormData();
    form.append("file", file);
    form.append("session_id", String(sessionId));
    const response = await this.#send("POST", "/chatbot/upload-file", { body: form });
    return await response.json() as Schemas["UploadResponse"];
  }

  async #json<T>(method: string, path: string): Promise<T> {
    return await (await this.#send(method, path)).json() as T;
  }

  // Sends one request; a non-2xx answer becomes an ApiFailure with the API's detail.
  async #send(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl.replace(/\/+$/, "") + path, {
        method,
        body: init.body,
        headers: { Authorization: `Bearer ${this.token}`, ...init.headers },
      });
    } catch {
      throw new ApiFailure(0, "network");
    }
    if (response.ok) return response;
    const detail = await response.json()
      .then((body: { detail?: unknown }) => typeof body.detail === "string" ? body.detail : "")
      .catch(() => "");
    throw new ApiFailure(response.status, detail, response.headers.get("Retry-After"));
  }
}
