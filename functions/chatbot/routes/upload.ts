/**
 * `POST /upload-file` (contract §5.10): the original bytes are stored first, then read, and
 * what they state fills the session's data as one turn of the conversation.
 *
 * Three steps, so that no lock or pooled connection is held while a PDF is parsed or a model
 * answers: a short transaction records and stores the file (a storage failure rolls it all
 * back); the file is read outside any transaction; a second short transaction applies what it
 * says to the session as it is then, as one turn of `runTurn` (under the session's lock).
 */
import type { Context, Hono } from "hono";
import type { Config } from "../../../shared/config.ts";
import type { Tx } from "../../../shared/db/client.ts";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { FILE_TYPE_LABELS } from "../../../shared/documents/detect.ts";
import { finishUpload, insertUpload, setUploadPath } from "../../../shared/db/uploads.ts";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { ApiError, logRequestError } from "../../../shared/http/errors.ts";
import { type Caller, withUser } from "../../../shared/http/with_user.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import { countsAs } from "../../../shared/http/rate_limits.ts";
import { type DocumentTurn, documentTurn } from "../../../shared/onboarding/engine/mod.ts";
import type { BlobStore } from "../../../shared/storage/blob_store.ts";
import { StorageUnavailableError } from "../../../shared/storage/blob_store.ts";
import { uploadObjectPath } from "../../../shared/storage/paths.ts";
import { lockActiveSession, runTurn, startSession, type TurnOutcome } from "../conversation.ts";
import { readUpload, type Upload, uploadBodyLimit, UploadDetail } from "../upload/intake.ts";
import { MIME_TYPES, readDocumentFacts, readDocumentText } from "../upload/read_document.ts";

/** Adds `POST /upload-file` to `app`. */
export function uploadRoutes(app: Hono<AppEnv>, deps: AppDeps, store: BlobStore): void {
  app.post("/upload-file", countsAs("upload"), uploadBodyLimit, async (c) => {
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
  const sessionId = upload.sessionId ?? (await startSession(tx, caller)).sessionId;
  // The caller must be admitted (active, within the limits, not a repeat) before the file is
  // stored, since a rollback cannot take it back out of storage.
  await Promise.all([lockActiveSession(tx, sessionId), caller.user]);

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
    throw new ApiError(503, "File storage is unavailable; please try again later");
  }
  await setUploadPath(tx, uploadId, path);
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
