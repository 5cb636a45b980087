/**
 * `POST /upload-file` (contract §5.10): the original bytes are stored first, then read, and
 * what they state fills the session's data as one turn of the conversation.
 */
import type { Hono } from "hono";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { FILE_TYPE_LABELS } from "../../../shared/documents/detect.ts";
import { lockSessionForTurn, saveTurn } from "../../../shared/db/onboarding.ts";
import { finishUpload, insertUpload, setUploadPath } from "../../../shared/db/uploads.ts";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { ApiError, Detail, logRequestError } from "../../../shared/http/errors.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { documentTurn } from "../../../shared/onboarding/engine/document_turn.ts";
import { parseState } from "../../../shared/onboarding/engine/state.ts";
import { computeProgress } from "../../../shared/onboarding/progress.ts";
import { applyTurn } from "../../../shared/onboarding/engine/apply.ts";
import type { BlobStore } from "../../../shared/storage/blob_store.ts";
import { StorageUnavailableError } from "../../../shared/storage/blob_store.ts";
import { uploadObjectPath } from "../../../shared/storage/paths.ts";
import { startSession } from "../conversation.ts";
import { readUpload, uploadBodyLimit, UploadDetail } from "../upload/intake.ts";
import { MIME_TYPES, readDocumentFacts, readDocumentText } from "../upload/read_document.ts";

/** Adds `POST /upload-file` to `app`. */
export function uploadRoutes(app: Hono<AppEnv>, deps: AppDeps, store: BlobStore): void {
  app.post("/upload-file", uploadBodyLimit, async (c) => {
    const upload = await readUpload(c);
    const outcome = await withUser(c, deps, async (tx, caller) => {
      const sessionId = upload.sessionId ??
        (await startSession(tx, caller)).sessionId;
      const session = await lockSessionForTurn(tx, sessionId);
      if (!session) throw new ApiError(404, Detail.sessionNotFound);
      if (session.status === "completed") throw new ApiError(409, Detail.sessionCompleted);

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

      let text: string;
      try {
        text = await readDocumentText(upload.bytes, upload.detected, deps.config);
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        await finishUpload(tx, uploadId, { error: error.detail });
        return { kind: "failed", detail: error.detail } as const;
      }
      if (text.trim() === "") {
        await finishUpload(tx, uploadId, { error: UploadDetail.noText });
        return { kind: "failed", detail: UploadDetail.noText } as const;
      }

      const characters = [...text].length;
      const facts = await readDocumentFacts(
        text,
        deps.config,
        (error) => logRequestError(c, error, { stage: "ai-extraction" }),
      );
      const turn = documentTurn(parseState(session.state), session.snapshot, facts, {
        name: upload.filename,
        typeLabel: FILE_TYPE_LABELS[upload.detected.type],
        characters,
      });
      await Promise.all([
        saveTurn(tx, { sessionId, onboardingId: session.onboardingId, owner: caller.owner }, {
          profile: turn.profile,
          productChanges: turn.productChanges,
          messages: [
            { role: "user", content: `📎 上傳文件：${upload.filename}` },
            { role: "assistant", content: turn.reply },
          ],
          state: turn.state,
          completed: false,
        }),
        finishUpload(tx, uploadId, { extractedLength: characters }),
      ]);
      return {
        kind: "done",
        sessionId,
        uploadId,
        characters,
        turn,
        progress: computeProgress(applyTurn(session.snapshot, turn)),
      } as const;
    });

    // A file that could not be read is recorded (status failed) and refused.
    if (outcome.kind === "failed") throw new ApiError(400, outcome.detail);
    return c.json({
      session_id: outcome.sessionId,
      message: outcome.turn.reply,
      completed: false,
      progress: outcome.progress,
      upload_id: outcome.uploadId,
      filename: upload.filename,
      file_type: upload.detected.type,
      extracted_text_length: outcome.characters,
      data_updated: outcome.turn.dataUpdated,
      products_added: outcome.turn.productsAdded,
    });
  });
}
