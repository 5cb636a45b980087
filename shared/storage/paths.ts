/**
 * Object paths of uploads: `<owner folder>/<session_id>/<upload_id>-<safe name>`, where every
 * part is safe as a Supabase Storage key and as a local file name.
 */
import { sha256Hex } from "../sha256.ts";

/** Longest sanitised file name, in characters (all ASCII, so also in bytes). */
export const MAX_SAFE_NAME_LENGTH = 100;

/**
 * A file name safe to use as the last part of an object path: no directories, only ASCII
 * letters, digits and `._()-` (Supabase Storage refuses any other character in a key with
 * "InvalidKey", which would make every Chinese file name a 503; supabase/storage#133), no
 * leading dots, at most MAX_SAFE_NAME_LENGTH bytes, extension kept. Never empty: a name with no
 * ASCII left becomes `file` plus its extension. The readable original is kept in the upload's
 * row; the upload id in the path keeps paths unique.
 */
export function sanitizeFilename(name: string): string {
  const base = name.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const rawExt = dot > 0 ? base.slice(dot + 1) : "";
  const ext = /^[A-Za-z0-9]{1,9}$/.test(rawExt) ? `.${rawExt}` : "";
  const stem = (ext ? base.slice(0, dot) : base)
    .replace(/[^A-Za-z0-9._()-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[._]+|[._]+$/g, "")
    .slice(0, MAX_SAFE_NAME_LENGTH - ext.length)
    .replace(/[._]+$/, "");
  return `${stem || "file"}${ext}`;
}

/**
 * The folder of a user: the external user id itself when it is a plain safe name, else `u-`
 * and the hex SHA-256 of the id (the migration's `onboarding.storage_folder` computes the same,
 * so the storage policy can check it).
 */
export async function ownerFolder(externalUserId: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{1,100}$/.test(externalUserId)) return externalUserId;
  return `u-${await sha256Hex(externalUserId)}`;
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
