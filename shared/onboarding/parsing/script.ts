/**
 * Simplified Chinese in, Traditional Chinese (Taiwan) out, with OpenCC (`opencc-js`), so the
 * parsers read one script and text values are stored in Traditional Chinese.
 *
 * OpenCC's phrase converter takes a few hundred milliseconds to build, so it is built only for
 * text that holds a Simplified-only character: one that OpenCC's character table converts and
 * that is not among Big5's frequently used characters (`发`, `资`, `机`; not `台`, `里`, `后`,
 * which Traditional text uses too). Such text is converted whole, so that OpenCC sees
 * each phrase in context (`干燥` → `乾燥`); Traditional text — the usual case — is returned
 * unchanged, `台灣` and all.
 *
 * @module
 */

import { lazy } from "../../lazy.ts";

type Convert = (text: string) => string;

/**
 * `text` in Traditional Chinese: converted with OpenCC (Simplified → Taiwan Traditional,
 * phrase-aware: `资本额300万` → `資本額300萬`) when it holds a Simplified-only character, else
 * returned unchanged. Never throws for any input.
 */
export async function toTraditional(text: string): Promise<string> {
  if (!HAN_RUN.test(text)) return text;
  const marks = await simplifiedOnly();
  if (!marks.test(text)) return text;
  const convert = await converter();
  return convert(text);
}

const HAN_RUN = /[\u3400-\u9fff]/;

// A character is Simplified-only when OpenCC converts it (STCharacters) and it is not one of
// the characters Traditional text is written with. One character class: the regex engine scans
// a 300-page document in a millisecond or two, where spreading it into characters took tens.
async function loadSimplifiedOnly(): Promise<RegExp> {
  const { default: st } = await import("opencc-js/dict/STCharacters");
  const traditional = big5Characters();
  const marks = new Set<string>();
  for (const entry of st.split("|")) {
    const [from, to] = entry.split(" ");
    if (to !== undefined && to !== from && !traditional.has(from)) marks.add(from);
  }
  const escaped = [...marks].map((ch) => /[\\\]^-]/.test(ch) ? `\\${ch}` : ch);
  return new RegExp(`[${escaped.join("")}]`, "u");
}

// Big5's frequently used Chinese characters (0xA440–0xC67E), decoded once: the characters
// that Traditional text is written with. Its less frequent block holds Simplified forms too
// (机, 万), and the decoder's Hong Kong extensions more of them, so both are left out.
function big5Characters(): Set<string> {
  const bytes: number[] = [];
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      if (lead === 0xc6 && trail > 0x7e) break;
      bytes.push(lead, trail);
    }
  }
  return new Set(new TextDecoder("big5").decode(new Uint8Array(bytes)));
}

async function loadConverter(): Promise<Convert> {
  const OpenCC = await import("opencc-js/cn2t");
  return OpenCC.Converter({ from: "cn", to: "tw" });
}

// Each built once per isolate, on first need; a failed load is tried again next time.
const simplifiedOnly = lazy(loadSimplifiedOnly);
const converter = lazy(loadConverter);
