/**
 * Turning one page's PDF.js text items into lines. PDF.js marks line ends (`hasEOL`) but puts
 * at most a space between items on a line, so table columns would run together; a wide
 * horizontal gap becomes a tab here, which the field extractor reads as a cell boundary.
 */

/** The parts of a PDF.js TextItem used here. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

// A gap wider than this many text heights (≈ 1.5 em) separates columns, not words.
const COLUMN_GAP_EMS = 1.5;

/**
 * Joins a page's text items in reading order: a newline after each item that ends a line, a
 * tab where two items on the same line are separated by a column-wide gap. Returns the page
 * text without trailing whitespace.
 */
export function pageItemsToText(items: readonly PdfTextItem[]): string {
  let text = "";
  let lastEnd: number | null = null;
  let lastY = 0;
  for (const item of items) {
    if (item.str.trim() !== "") {
      const x = item.transform[4];
      const y = item.transform[5];
      const sameLine = lastEnd !== null && Math.abs(y - lastY) < Math.max(item.height, 1) / 2;
      if (sameLine && x - lastEnd! > Math.max(item.height, 1) * COLUMN_GAP_EMS) {
        text = text.trimEnd() + "\t";
      }
      lastEnd = x + item.width;
      lastY = y;
    }
    text += item.str;
    if (item.hasEOL) {
      text += "\n";
      lastEnd = null;
    }
  }
  return text.trimEnd();
}
