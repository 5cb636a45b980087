/**
 * Loading a module on first use instead of at boot. An isolate's first request is often a
 * health check, a token check or a data read; it should not pay for the conversation engine,
 * the AI client or the document readers it never touches (docs/benchmarks.md, "Cold boot").
 *
 * @module
 */

/**
 * A function that calls `load` once and returns its promise from then on. A rejected load is
 * forgotten, so the next call tries again: a module that failed to load once (a deploy being
 * replaced, a full disk) may load later, and no request is refused forever for it.
 *
 * Give `load` a dynamic import of a string literal: the deploy bundler ships only the modules it
 * can see (a computed specifier would be missing from the deployed function).
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
