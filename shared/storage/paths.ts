/**
 * Object paths of uploads: `<owner folder>/<session_id>/<upload_id>-<safe name>`, where every
 * part is safe as a Supabase Storage key and as a local file name.
 */

/** Longest sanitised file name, in characters. */
export const MAX_SAFE_NAME_LENGTH = 100;

/**
 * A file name safe to use as the last part of an object path: no directories, no control or
 * unusual characters, no leading dots, length-capped, extension kept. Never empty.
 */
export function sanitizeFilename(name: string): string {
  const base = name.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ ()-]/gu, "_")
    .replace(/\s+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[._]+/, "");
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot).slice(0, 10) : "";
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(
    0,
    MAX_SAFE_NAME_LENGTH - ext.length,
  );
  return stem ? `${stem}${ext}` : `file${ext}`;
}

/**
 * The folder of a user: the external user id itself when it is a plain safe name, else `u-`
 * and the hex SHA-256 of the id (the migration's `onboarding.storage_folder` computes the same,
 * so the storage policy can check it).
 */
export async function ownerFolder(externalUserId: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{1,100}$/.test(externalUserId)) return externalUserId;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(externalUserId));
  return `u-${toHex(new Uint8Array(digest))}`;
}

/** The object path of an upload. */
export async function uploadObjectPath(
  externalUserId: string,
  sessionId: number,
  uploadId: number,
  filename: string,
): Promise<string> {
  return `${await ownerFolder(externalUserId)}/${sessionId}/${uploadId}-${
    sanitizeFilename(filename)
  }`;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
