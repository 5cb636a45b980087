/**
 * Reading a streamed structured answer before it is complete: the growing top-level `reply`
 * string of a partial JSON object, and where text can be cut safely. Pure string work, so the
 * live preview of the AI engine stays small.
 */

/**
 * The top-level `"reply"` string of a partial JSON object: where its key starts, its decoded
 * text so far and whether the string is closed. Null until the string has started.
 */
export function replySoFar(
  json: string,
): { keyStart: number; text: string; closed: boolean } | null {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
    else if (ch === '"') {
      const str = readString(json, i);
      if (!str.closed) return null;
      const start = i;
      i = str.end;
      if (depth !== 1 || str.text !== "reply") continue;
      let j = skipSpace(json, i + 1);
      if (j >= json.length) return null;
      if (json[j] !== ":") continue; // a value, not a key
      j = skipSpace(json, j + 1);
      if (j >= json.length || json[j] !== '"') return null;
      const value = readString(json, j);
      return { keyStart: start, text: value.text, closed: value.closed };
    }
  }
  return null;
}

function skipSpace(json: string, i: number): number {
  while (i < json.length && /\s/.test(json[i])) i++;
  return i;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

// The JSON string starting at the quote `start`: its text so far (an escape cut off at the end
// is left out), whether it is closed, and the index of its closing quote.
function readString(json: string, start: number): { text: string; closed: boolean; end: number } {
  let text = "";
  let i = start + 1;
  while (i < json.length) {
    const ch = json[i];
    if (ch === '"') return { text, closed: true, end: i };
    if (ch !== "\\") {
      text += ch;
      i++;
      continue;
    }
    const kind = json[i + 1];
    if (kind === undefined) break;
    if (kind === "u") {
      const hex = json.slice(i + 2, i + 6);
      if (hex.length < 4) break;
      text += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else {
      text += ESCAPES[kind] ?? kind;
      i += 2;
    }
  }
  return { text, closed: false, end: json.length };
}

/** The length of `text` without its last `keep` non-space characters (and spaces among them). */
export function holdBackCut(text: string, keep: number): number {
  let i = text.length;
  let seen = 0;
  while (i > 0 && seen < keep) {
    i--;
    if (!/\s/.test(text[i])) seen++;
  }
  return safeCut(text, i);
}

/** `n`, or one less when cutting at `n` would split a surrogate pair. */
export function safeCut(text: string, n: number): number {
  if (n <= 0 || n >= text.length) return Math.max(0, Math.min(n, text.length));
  const code = text.charCodeAt(n - 1);
  return code >= 0xd800 && code <= 0xdbff ? n - 1 : n;
}
