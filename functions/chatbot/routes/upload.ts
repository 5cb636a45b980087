/**
 * `POST /upload-file` (contract §5.10): the original bytes are stored first, then read, and
 * what they state fills the session's data as one turn of the conversation.
 *
 * Three steps, so that no lock or pooled connection is held while a PDF is parsed or a model
 * answers: a short transaction records and stores the file (a storage failure rolls it all
 * back); the file is read outside any transaction; a second short transaction applies what it
 * says to the session as it is then, as one turn of `runTurn` (under the session's lock).
 */
import type { Context } from "hono";
import { z } from "zod";
import type { Config } from "../../../shared/config.ts";
import type { Tx } from "../../../shared/db/client.ts";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { FILE_TYPE_LABELS } from "../../../shared/documents/detect.ts";
import { recordActivity } from "../../../shared/db/activity.ts";
import { finishUpload, insertUpload, setUploadPath } from "../../../shared/db/uploads.ts";
import type { AppDeps, AppEnv, FunctionApp } from "../../../shared/http/app.ts";
import {
  ApiError,
  Detail,
  logRequestError,
  RETRY_AFTER_SECONDS,
} from "../../../shared/http/errors.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  json,
  PROGRESS_EXAMPLE,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { type Caller, withUser } from "../../../shared/http/with_user.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import { countsAs } from "../../../shared/http/rate_limits.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import type { DocumentTurn } from "../../../shared/onboarding/engine/mod.ts";
import type { BlobStore } from "../../../shared/storage/blob_store.ts";
import { StorageUnavailableError } from "../../../shared/storage/blob_store.ts";
import { uploadObjectPath } from "../../../shared/storage/paths.ts";
import type { TurnOutcome } from "../conversation.ts";
import { loadConversation, loadRuleEngine } from "../load.ts";
import {
  readUpload,
  type Upload,
  uploadBody,
  uploadBodyLimit,
  UploadDetail,
} from "../upload/intake.ts";
import { MIME_TYPES, readDocumentFacts, readDocumentText } from "../upload/read_document.ts";
import { turnFields } from "./message.ts";

/** The response of an upload: a turn's, and what was read from the file. */
const uploadResponseSchema = documentOnly(() =>
  z.strictObject({
    ...turnFields(),
    upload_id: z.number().int(),
    filename: z.string().meta({
      description: "The file's name as kept (control characters " +
        "removed, at most 255 UTF-8 bytes)",
    }),
    file_type: z.enum(["pdf", "docx", "png", "jpeg", "txt"]).meta({
      description: "The type found in the bytes",
    }),
    extracted_text_length: z.number().int().min(0).meta({ description: "Characters read" }),
    data_updated: z.boolean().meta({ description: "The file changed the session's data" }),
    products_added: z.number().int().min(0),
  }).meta({ id: "UploadResponse" })
);

/** Adds `POST /upload-file` to `app`. */
export function uploadRoutes(app: FunctionApp, deps: AppDeps, store: BlobStore): void {
  declareRoute(app, {
    method: "post",
    path: "/upload-file",
    middleware: [countsAs("upload"), uploadBodyLimit] as const,
    document: () => ({
      operationId: "uploadFile",
      tags: ["chatbot"],
      summary: "Upload a document",
      description: "Stores the file, reads its text (PDF, DOCX, TXT in UTF-8, UTF-16 or Big5; an " +
        "image through a vision model when one is configured) and fills the session's data with " +
        "what it states, as one turn of the conversation (`📎 上傳文件：<filename>` and the " +
        "reply are stored). The type is decided from the bytes; at most 10 MB. Without " +
        "`session_id` a new session is started. Counted against the upload rate limit too.",
      security: BEARER_SECURITY,
      request: {
        headers: documentSchemas().IdempotencyHeaders,
        body: {
          required: true,
          content: { "multipart/form-data": { schema: uploadBody() } },
        },
      },
      responses: {
        200: {
          description: "The file was read and applied",
          headers: successHeaders(true),
          content: json(uploadResponseSchema(), {
            session_id: 1,
            message:
              "✅ 文件處理成功！\n\n📄 文件資訊：\n- 文件名稱：company_info.pdf\n- 文件類型：PDF文件" +
              "\n- 提取字數：1500 字\n\n🤖 已自動提取以下資訊：\n產業別：電子業\n資本額：5000000元\n…",
            completed: false,
            progress: PROGRESS_EXAMPLE,
            upload_id: 3,
            filename: "company_info.pdf",
            file_type: "pdf",
            extracted_text_length: 1500,
            data_updated: true,
            products_added: 1,
          }),
        },
        ...errorResponses([...AUTHENTICATED_ERRORS, 404, 409], {
          400: {
            description: "Not multipart, no file, more than one, an invalid session_id, too " +
              "large, an unsupported type, or no text could be read",
            detail: UploadDetail.unsupported,
          },
          409: {
            description: "The session is already completed, or the Idempotency-Key was used with " +
              "a different request",
            detail: Detail.sessionCompleted,
          },
          503: {
            description: "The database or file storage is unavailable; nothing was stored",
            detail: Detail.unavailable,
          },
        }),
      },
    }),
  }, async (c) => {
    const upload = await readUpload(c);
    // The same request: the same file to the same session under the same name.
    await expectIdempotency(c, {
      session_id: upload.sessionId ?? null,
      filename: upload.filename,
      sha256: upload.sha256,
    });
    const stored = await withUser(
      c,
      deps,
      (tx, caller) => storeUpload(c, tx, caller, upload, store),
    );

    const text = await readUploadText(upload, deps.config);
    if (text.kind === "failed") {
      // The file is kept and its row says why it could not be read.
      await withUser(c, deps, (tx) => finishUpload(tx, stored.uploadId, { error: text.detail }));
      throw new ApiError(400, text.detail);
    }
    const facts = await readDocumentFacts(
      text.text,
      deps.config,
      (error) => logRequestError(c, error, { stage: "ai-extraction" }),
    );

    const characters = [...text.text].length;
    const responseBody = (outcome: TurnOutcome<DocumentTurn>) => ({
      session_id: stored.sessionId,
      message: outcome.turn.reply,
      completed: outcome.turn.completed,
      progress: outcome.progress,
      upload_id: stored.uploadId,
      filename: upload.filename,
      file_type: upload.detected.type,
      extracted_text_length: characters,
      data_updated: outcome.turn.dataUpdated,
      products_added: outcome.turn.productsAdded,
    });
    const [{ runTurn }, { documentTurn }] = await Promise.all([
      loadConversation(),
      loadRuleEngine(),
    ]);
    const result = await withUser(c, deps, async (tx, caller) => {
      const run = await runTurn(tx, caller, stored.sessionId, {
        userMessage: `📎 上傳文件：${upload.filename}`,
        step: async ({ state, snapshot }) => {
          const turn = documentTurn(state, snapshot, facts, {
            name: upload.filename,
            typeLabel: FILE_TYPE_LABELS[upload.detected.type],
            characters,
          });
          await finishUpload(tx, stored.uploadId, { extractedLength: characters });
          return turn;
        },
      });
      // Completed while the file was being read: the upload row keeps why it was not applied.
      if (run.kind === "inactive") {
        await finishUpload(tx, stored.uploadId, { error: run.error.detail });
      }
      return run;
    }, {
      response: (run) =>
        run.kind === "taken" ? { status: 200, body: responseBody(run.outcome) } : undefined,
    });
    if (result.kind === "inactive") throw result.error;
    return c.json(responseBody(result.outcome));
  });
}

/**
 * Records the upload on the caller's active session (a new one, as `sessions/new` makes it,
 * when none is named) and stores its bytes. Returns the session and upload ids. Throws 404/409
 * for a session that is not the caller's or not active, 503 when storage fails.
 */
async function storeUpload(
  c: Context<AppEnv>,
  tx: Tx,
  caller: Caller,
  upload: Upload,
  store: BlobStore,
): Promise<{ sessionId: number; uploadId: number }> {
  const { lockActiveSession, startSession } = await loadConversation();
  const sessionId = upload.sessionId ?? (await startSession(tx, caller)).sessionId;
  // The caller must be admitted (active, within the limits, not a repeat) before the file is
  // stored, since a rollback cannot take it back out of storage.
  await Promise.all([lockActiveSession(tx, caller.owner, sessionId), caller.user]);

  const uploadId = await insertUpload(tx, {
    sessionId,
    owner: caller.owner,
    filename: upload.filename,
    fileType: upload.detected.type,
    sizeBytes: upload.bytes.length,
    sha256: upload.sha256,
  });
  const path = await uploadObjectPath(caller.owner, sessionId, uploadId, upload.filename);
  try {
    await store.put(path, upload.bytes, MIME_TYPES[upload.detected.type]);
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    logRequestError(c, error, { stage: "storage" });
    // Nothing else changes: the transaction (and a session it created) is rolled back.
    throw new ApiError(503, "File storage is unavailable; please try again later", {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  await Promise.all([
    setUploadPath(tx, uploadId, path),
    recordActivity(tx, "upload", sessionId, {
      upload_id: uploadId,
      file_type: upload.detected.type,
      size_bytes: upload.bytes.length,
    }),
  ]);
  return { sessionId, uploadId };
}

/** The upload's text, or why it could not be read (a detail safe to show). */
async function readUploadText(
  upload: Upload,
  config: Config,
): Promise<{ kind: "read"; text: string } | { kind: "failed"; detail: string }> {
  try {
    const text = await readDocumentText(upload.bytes, upload.detected, config);
    return text.trim() === ""
      ? { kind: "failed", detail: UploadDetail.noText }
      : { kind: "read", text };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return { kind: "failed", detail: error.detail };
  }
}
