/**
 * Naming what went wrong with a model call, for the log line the route tags with the request
 * id. The SDK's error classes are recognised by name so this module does not have to load the
 * SDK; messages are clipped (they never carry the API key, but may carry provider text).
 */

/** Why a model call was abandoned. */
export type AiFailureReason =
  | "timeout"
  | "network"
  | "rate_limited"
  | "server_error"
  | "http_error"
  | "refusal"
  | "malformed_output"
  | "internal";

/** A model answer that arrived but cannot be used (refusal, empty, not the schema). */
export class AiOutputError extends Error {
  override name = "AiOutputError";
  /** Why the answer cannot be used. */
  readonly reason: "refusal" | "malformed_output";

  constructor(reason: "refusal" | "malformed_output", message: string) {
    super(message);
    this.reason = reason;
  }
}

/** A provider problem surfaced to callers that must not fall back silently (uploads). */
export class AiProviderError extends Error {
  override name = "AiProviderError";
  /** The classified reason. */
  readonly reason: AiFailureReason;

  constructor(reason: AiFailureReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** A failure, classified: the reason, the HTTP status when there was one, a short detail. */
export interface ClassifiedFailure {
  reason: AiFailureReason;
  status?: number;
  detail: string;
}

/** Classifies anything thrown while calling the model or reading its answer. */
export function classifyFailure(err: unknown): ClassifiedFailure {
  const detail = String(err instanceof Error ? err.message : err).slice(0, 200);
  if (err instanceof AiOutputError || err instanceof AiProviderError) {
    return { reason: err.reason, detail };
  }
  const name = err instanceof Error ? err.constructor.name : "";
  const status = typeof (err as { status?: unknown })?.status === "number"
    ? (err as { status: number }).status
    : undefined;
  if (name === "APIConnectionTimeoutError") return { reason: "timeout", detail };
  if (name === "APIConnectionError") return { reason: "network", detail };
  if (name === "ContentFilterFinishReasonError") return { reason: "refusal", detail };
  if (name === "LengthFinishReasonError" || name === "SyntaxError" || name === "ZodError") {
    return { reason: "malformed_output", detail };
  }
  if (status !== undefined) {
    if (status === 429) return { reason: "rate_limited", status, detail };
    if (status >= 500) return { reason: "server_error", status, detail };
    return { reason: "http_error", status, detail };
  }
  // Zod v4 errors thrown by the SDK's parser carry `issues` rather than a stable class name.
  if (Array.isArray((err as { issues?: unknown })?.issues)) {
    return { reason: "malformed_output", detail };
  }
  return { reason: "internal", detail };
}
