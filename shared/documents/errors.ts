/**
 * The one error type of document reading. Its `detail` is safe to show to the user as is (the
 * route puts it in a 400 body), so it never carries parser internals or file contents.
 */

/** A document that cannot be read; `detail` is a short user-facing English sentence. */
export class DocumentError extends Error {
  /** Builds the error; `detail` becomes the message too, for logs. */
  constructor(readonly detail: string) {
    super(detail);
    this.name = "DocumentError";
  }
}
