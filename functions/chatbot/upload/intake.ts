/**
 * Taking in an upload (contract §5.10): a multipart body read under a streaming size cap, the
 * `file` and optional `session_id` fields validated, and the type decided from the bytes.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type DetectedType, detectFileType } from "../../../shared/documents/detect.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import { toHex } from "../../../shared/storage/paths.ts";

/** Largest accepted file, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The contract's upload error texts. */
export const UploadDetail = {
  tooLarge: "File too large. Maximum size: 10MB",
  unsupported: "Unsupported file type. Supported: PDF, DOCX, JPG, PNG, TXT",
  noText: "No text could be extracted from the file",
  missingFile: "No file uploaded: send the file in the multipart field 'file'",
  badSessionId: "session_id must be a positive integer",
  notMultipart: "Request body must be multipart/form-data",
} as const;

/** An upload that passed intake. */
export interface Upload {
  bytes: Uint8Array;
  /** The client's file name, as given (control characters removed, length-capped). */
  filename: string;
  detected: DetectedType;
  sha256: string;
  sessionId: number | undefined;
}

/**
 * Middleware refusing a body larger than a 10 MB file plus its envelope while it streams in,
 * whatever Content-Length says, so an oversized body is never buffered whole.
 */
export const uploadBodyLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
  onError: () => {
    throw new ApiError(400, UploadDetail.tooLarge);
  },
});

/** Reads and validates the upload of `c`; throws a 400 {@link ApiError} for anything wrong. */
export async function readUpload(c: Context): Promise<Upload> {
  if (!/^multipart\/form-data/i.test(c.req.header("Content-Type") ?? "")) {
    throw new ApiError(400, UploadDetail.notMultipart);
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, "Malformed multipart body");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError(400, UploadDetail.missingFile);
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(400, UploadDetail.tooLarge);

  const rawSessionId = form.get("session_id");
  let sessionId: number | undefined;
  if (rawSessionId !== null && rawSessionId !== "") {
    if (typeof rawSessionId !== "string" || !/^[0-9]{1,10}$/.test(rawSessionId.trim())) {
      throw new ApiError(400, UploadDetail.badSessionId);
    }
    sessionId = Number(rawSessionId.trim());
    if (sessionId < 1 || sessionId > 2147483647) throw new ApiError(400, UploadDetail.badSessionId);
  }

  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ApiError(400, UploadDetail.tooLarge);
  const detected = detectFileType(bytes);
  if (!detected) throw new ApiError(400, UploadDetail.unsupported);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return { bytes, filename: displayName(file.name), detected, sha256: toHex(digest), sessionId };
}

// The original name is kept for the record and the reply, minus what could corrupt either.
function displayName(name: string): string {
  // deno-lint-ignore no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "upload";
}
