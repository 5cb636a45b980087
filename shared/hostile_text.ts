/**
 * Text the database cannot store faithfully (contract §4, "hostile text"): a NUL character,
 * which PostgreSQL refuses in `text` and `jsonb` ("invalid byte sequence for encoding UTF8:
 * 0x00"), and an unpaired UTF-16 surrogate, which JSON.parse accepts from a `\ud800` escape but
 * which has no UTF-8 form: the driver's TextEncoder silently turns it into U+FFFD in a `text`
 * column, and JSON.stringify writes it back as a `\ud800` escape that `jsonb` and `json` refuse.
 * Each input kind (JSON bodies, the upload's form, token claims) refuses such text with this
 * one check before anything reaches the database.
 */

/** What is wrong with a piece of text, worded for a `detail`. */
export type HostileText = "a NUL character" | "an unpaired surrogate (not valid Unicode)";

/** Returns what makes `text` unstorable, or null when it is fine. */
export function hostileText(text: string): HostileText | null {
  if (text.includes("\u0000")) return "a NUL character";
  if (!text.isWellFormed()) return "an unpaired surrogate (not valid Unicode)";
  return null;
}

/** Where in a JSON value hostile text was found, and what it was. */
export interface HostileJson {
  /** Dotted path of the string or key (`body` for the top level), e.g. `items.0.name`. */
  field: string;
  /** Whether the string itself or an object key holds the text. */
  inKey: boolean;
  problem: HostileText;
}

/**
 * Walks a parsed JSON value (every string, at any depth, and every object key) and returns the
 * first hostile text found, or null. Depth is bounded by JSON.parse's own recursion.
 */
export function findHostileJson(value: unknown, path: string[] = []): HostileJson | null {
  const field = () => path.join(".") || "body";
  if (typeof value === "string") {
    const problem = hostileText(value);
    return problem ? { field: field(), inKey: false, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileJson(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const problem = hostileText(key);
      // The key itself is not echoed: it is the hostile text.
      if (problem) return { field: field(), inKey: true, problem };
      const found = findHostileJson(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
