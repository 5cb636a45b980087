/**
 * The uploads table: one row per uploaded file, recording what was stored and what became of it.
 */
import type { Tx } from "./client.ts";

/** A new upload, as received and stored. */
export interface NewUpload {
  sessionId: number;
  owner: string;
  filename: string;
  fileType: string;
  sizeBytes: number;
  sha256: string;
}

/** Records an upload (status `stored`, path filled in by {@link setUploadPath}); returns its id. */
export async function insertUpload(tx: Tx, upload: NewUpload): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into onboarding.uploads
      (session_id, external_user_id, filename, file_type, size_bytes, sha256, storage_path)
    values (${upload.sessionId}, ${upload.owner}, ${upload.filename}, ${upload.fileType},
            ${upload.sizeBytes}, ${upload.sha256}, '')
    returning id`;
  return row.id;
}

/** Records where the upload's bytes were stored. */
export async function setUploadPath(tx: Tx, uploadId: number, path: string): Promise<void> {
  await tx`update onboarding.uploads set storage_path = ${path}, updated_at = now()
           where id = ${uploadId}`;
}

/** Records the outcome of reading the upload: its extracted length, or why it failed. */
export async function finishUpload(
  tx: Tx,
  uploadId: number,
  outcome: { extractedLength: number } | { error: string },
): Promise<void> {
  const extracted = "extractedLength" in outcome;
  await tx`
    update onboarding.uploads
    set status = ${extracted ? "extracted" : "failed"},
        extracted_length = ${extracted ? outcome.extractedLength : null},
        error = ${extracted ? null : outcome.error.slice(0, 1000)},
        updated_at = now()
    where id = ${uploadId}`;
}
