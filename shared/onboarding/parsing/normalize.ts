/**
 * Text normalisation applied before any parsing, so the parsers only ever see one spelling of
 * digits, letters, punctuation and whitespace.
 */

import { INTERJECTION_LEAD_PATTERN, SENTENCE_PARTICLES } from "../lexicon/mod.ts";

// Compatibility characters that users type from Chinese IMEs but that are not in the
// full-width ASCII block (U+FF01–U+FF5E), mapped to the ASCII the parsers look for.
const EXTRA_MAP: Record<string, string> = {
  "\u3000": " ", // ideographic space
  "\u2212": "-", // minus sign
  "\u2012": "-", // figure dash
  "\u2013": "-", // en dash
  "\u2014": "-", // em dash
  "\u2015": "-", // horizontal bar
  "\u301c": "~", // wave dash
  "\u3030": "~", // wavy dash
  "\uff5e": "~", // full-width tilde (also covered by the block, listed for clarity)
  "\u00a0": " ", // no-break space
  "\u200b": "", // zero-width space
  "\ufeff": "", // byte-order mark pasted from documents
};

/**
 * Normalises user text: full-width ASCII (`０-９`, `Ａ-Ｚ`, `：，（）；！？～`) becomes ASCII, dash
 * and tilde variants become `-` and `~`, runs of spaces/tabs become one space, line breaks
 * become `\n` with blank lines dropped, and the result is trimmed. Line breaks are kept because
 * labelled product blocks are line-based; single-line text comes back as one line.
 * Chinese punctuation without an ASCII twin (`、`, `。`) is left as is.
 */
export function normalizeText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (ch in EXTRA_MAP) out += EXTRA_MAP[ch];
    else out += ch;
  }
  return out
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

/**
 * Removes what decorates an answer at its edges from already-normalised text: punctuation,
 * quotes, emoji and spaces at both ends, an opening interjection with its pause (`嗯…`), and
 * sentence particles at the end (`啊喔呀啦吧哦耶唷`), for whole-answer comparisons such as
 * `沒有喔。` → `沒有` and `嗯…應該算機械業吧` → `應該算機械業`. Returns the stripped string
 * (possibly empty).
 */
export function stripEdgeNoise(s: string): string {
  return s
    .replace(LEADING_NOISE, "")
    .replace(INTERJECTION_LEAD_PATTERN, "")
    .replace(LEADING_NOISE, "")
    .replace(TRAILING_NOISE, "");
}

// Punctuation, quotes and emoji (`🍵東方美人茶`, `好👍`) at the edges decorate; so do sentence
// particles at the end (`沒有喔。`).
const LEADING_NOISE =
  /^[\s,.;:!?~、。，；：！？…"'「」『』()\p{Extended_Pictographic}\ufe0f\u200d]+/u;
const TRAILING_NOISE = new RegExp(
  `[\\s,.;:!?~、。，；：！？…"'「」『』()${SENTENCE_PARTICLES}\\p{Extended_Pictographic}\\ufe0f\\u200d]+$`,
  "u",
);

/**
 * A lighter normalisation for free-text values that are stored as typed (product fields):
 * full-width letters and digits become ASCII and spaces are collapsed per line, but Chinese
 * punctuation (`，：、`) is kept so `10x10mm，精度0.01mm` is stored the way the user wrote it.
 * Returns the text with `\n` line breaks, each line trimmed.
 */
export function normalizeValueText(s: string): string {
  return s
    .replace(
      /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g,
      (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\u3000\u00a0]/g, " ")
    .replace(/[\u200b\ufeff]/g, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v]+/g, " ").trim())
    .join("\n");
}

/**
 * The form in which names and values are compared: normalised, without whitespace, lower case
 * (`Smart Plug` = `smartplug`, `Ｐ００１` = `p001`).
 */
export function squash(s: string): string {
  return normalizeText(s).replace(/\s+/g, "").toLowerCase();
}
