/**
 * Simplified Chinese in, Traditional Chinese (Taiwan) out, with OpenCC (`opencc-js`), so the
 * parsers read one script and text values are stored in Traditional Chinese.
 *
 * OpenCC's phrase converter takes a few hundred milliseconds to build, so it is built only for
 * a message that holds a character used in Simplified Chinese alone (known from OpenCC's own
 * character tables, which are small). Traditional text — the usual case — is returned as it
 * is, untouched even where OpenCC would change a character shared by both scripts.
 *
 * @module
 */

type Convert = (text: string) => string;

let simplifiedOnly: Promise<ReadonlySet<string>> | null = null;
let converter: Promise<Convert> | null = null;

/**
 * `text` in Traditional Chinese: converted with OpenCC (Simplified → Taiwan Traditional,
 * phrase-aware: `资本额300万` → `資本額300萬`) when it holds a Simplified-only character, else
 * returned unchanged. Never throws for any input.
 */
export async function toTraditional(text: string): Promise<string> {
  if (!/[\u3400-\u9fff]/.test(text)) return text;
  const marks = await (simplifiedOnly ??= loadSimplifiedOnly());
  let simplified = false;
  for (const ch of text) {
    if (marks.has(ch)) {
      simplified = true;
      break;
    }
  }
  if (!simplified) return text;
  const convert = await (converter ??= loadConverter());
  return convert(text);
}

// A character is Simplified-only when OpenCC converts it to something else (STCharacters) and
// it is not itself a Traditional character with a Simplified form (TSCharacters' keys).
async function loadSimplifiedOnly(): Promise<ReadonlySet<string>> {
  const [{ default: st }, { default: ts }] = await Promise.all([
    import("opencc-js/dict/STCharacters"),
    import("opencc-js/dict/TSCharacters"),
  ]);
  const traditional = new Set(ts.split("|").map((entry: string) => entry.split(" ")[0]));
  const marks = new Set<string>();
  for (const entry of st.split("|")) {
    const [from, first] = entry.split(" ");
    if (first !== undefined && first !== from && !traditional.has(from)) marks.add(from);
  }
  return marks;
}

async function loadConverter(): Promise<Convert> {
  const OpenCC = await import("opencc-js/cn2t");
  return OpenCC.Converter({ from: "cn", to: "tw" });
}
