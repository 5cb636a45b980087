/**
 * Waiting for statements sent together (pipelined) in one transaction.
 *
 * @module
 */

/** SQLSTATE of a statement refused because an earlier one aborted the transaction. */
const IN_FAILED_TRANSACTION = "25P02";

/**
 * Resolves when every one of `sent` has settled; when any failed, rejects with the error that
 * aborted the transaction, not with one of the "current transaction is aborted" refusals of the
 * statements behind it. (`Promise.all` rejects with whichever rejection reaches it first, and
 * neither that nor the order of `sent` is the order postgres.js sent the statements in: each
 * starts when its promise is first awaited.)
 */
export async function settlePipelined(sent: readonly unknown[]): Promise<void> {
  const failures = (await Promise.allSettled(sent))
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => r.reason);
  if (failures.length === 0) return;
  throw failures.find((error) => (error as { code?: unknown })?.code !== IN_FAILED_TRANSACTION) ??
    failures[0];
}
