/**
 * Turning WordprocessingML (`word/document.xml`, headers, footers) into plain lines: one line
 * per paragraph, one line per table row with its cells joined by ` | `. A tag scanner rather
 * than a DOM parser: the runtime has none, and only a handful of elements carry text.
 */

import { type ReadingSteps, runToEnd } from "../loop_yield.ts";

// Tokens scanned between two pauses of wordXmlSteps (well under a millisecond of work).
const TOKENS_PER_STEP = 2048;

interface TableState {
  row: string[] | null;
  cell: string[] | null;
}

// Tags, and the text between them. Comments, CDATA and processing instructions are tags here;
// Word does not put document text in them.
const TOKEN_RE = /<[^>]*>|[^<]+/g;
const TAG_RE = /^<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>$/;
const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/**
 * Reads the text of a WordprocessingML part in document order. Paragraph text is the `<w:t>`
 * runs joined, with `<w:tab/>` as a tab and `<w:br/>`/`<w:cr/>` as a line break; each table
 * row becomes `cell | cell | …` (a cell's paragraphs joined by spaces; a nested table's rows
 * folded into its outer cell). Deleted text, field codes and the `mc:Fallback` copy of text
 * boxes are skipped; entities are decoded; blank paragraphs are dropped. Returns the lines,
 * trimmed.
 */
export function wordXmlToLines(xml: string): string[] {
  return runToEnd(wordXmlSteps(xml));
}

/** wordXmlToLines as a reading that pauses every TOKENS_PER_STEP tokens (loop_yield.ts). */
export function* wordXmlSteps(xml: string): ReadingSteps<string[]> {
  let tokens = 0;
  const lines: string[] = [];
  const tables: TableState[] = [];
  let paragraph: string | null = null;
  let inRun = false;
  let inText = false;
  let fallbackDepth = 0;

  const emit = (text: string) => {
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.push(text.replace(/\s+/g, " ").trim());
    else if (text.trim() !== "") lines.push(...text.split("\n").map((l) => l.trim()));
  };

  for (const [token] of xml.matchAll(TOKEN_RE)) {
    if (++tokens % TOKENS_PER_STEP === 0) yield;
    const tag = TAG_RE.exec(token);
    if (tag === null) {
      if (token.startsWith("<")) continue; // comment, CDATA, declaration
      if (inText && fallbackDepth === 0 && paragraph !== null) paragraph += decodeEntities(token);
      continue;
    }
    const [, closing, name, selfClosing] = tag;
    const open = closing === "" && selfClosing === "";
    if (name === "mc:Fallback") {
      if (open) fallbackDepth++;
      else if (closing) fallbackDepth = Math.max(0, fallbackDepth - 1);
      continue;
    }
    if (fallbackDepth > 0) continue;
    switch (name) {
      case "w:p":
        if (open) paragraph = "";
        else if (closing && paragraph !== null) {
          emit(paragraph);
          paragraph = null;
        }
        break;
      case "w:r":
        inRun = open;
        break;
      case "w:t":
        inText = open;
        break;
      // w:tab also appears in paragraph properties (tab stops); only a run's tab is text.
      case "w:tab":
        if (inRun && paragraph !== null) paragraph += "\t";
        break;
      case "w:br":
      case "w:cr":
        if (inRun && paragraph !== null) paragraph += "\n";
        break;
      case "w:noBreakHyphen":
        if (inRun && paragraph !== null) paragraph += "-";
        break;
      case "w:tbl":
        if (open) tables.push({ row: null, cell: null });
        else if (closing) tables.pop();
        break;
      case "w:tr": {
        const table = tables[tables.length - 1];
        if (table === undefined) break;
        if (open) table.row = [];
        else if (closing && table.row !== null) {
          const row = table.row;
          table.row = null;
          if (row.some((cell) => cell !== "")) {
            // A nested table's row belongs to the outer cell it sits in.
            const outer = tables[tables.length - 2];
            if (outer?.cell) outer.cell.push(row.join(" | "));
            else lines.push(row.join(" | "));
          }
        }
        break;
      }
      case "w:tc": {
        const table = tables[tables.length - 1];
        if (table === undefined) break;
        if (open) table.cell = [];
        else if (closing && table.cell !== null) {
          table.row?.push(table.cell.filter((t) => t !== "").join(" "));
          table.cell = null;
        }
        break;
      }
    }
  }
  return lines.filter((line) => line !== "");
}

/** Decodes the five XML named entities and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY_RE, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED_ENTITIES[ref];
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
