/**
 * Cutting a free-form message into clauses that each state one fact, so that
 * `我們是食品業，資本額500萬，有2個發明專利` becomes three clauses while the lists inside
 * `ESG：ISO 14064、ISO 14067` and the number `5,000,000` stay whole.
 */

import { extractIndustry } from "./industry.ts";
import { type FactField, findLabels } from "./labels.ts";

/** One clause and the facts it labels, in order of appearance. */
export interface Clause {
  text: string;
  fields: FactField[];
}

const SEPARATOR_RE = /[,;。\n!?、]|以及|還有|还有|另外|而且|和|及|與|与|跟/g;
const NUMBER_START_RE = /^[0-9零〇一二兩两三四五六七八九十百千萬万億亿壹貳參叁肆伍陸柒捌玖拾佰仟]/;

/**
 * Splits normalised text into clauses. Every separator (，。；、 newline, 和/及/與/跟…) is a
 * candidate cut, but a piece becomes a new clause only when both it and the clause before it
 * name a fact; otherwise it is glued back on. That keeps lists (`ISO 9001、ISO 14001`) and
 * trailing chatter (`，謝謝`) with their fact. A comma inside a number (5,000,000) never cuts.
 * A clause naming several facts without separators (`發明專利10件新型專利5件`) is cut at labels.
 * Returns the clauses in order.
 */
export function splitClauses(text: string): Clause[] {
  const pieces: { sep: string; text: string }[] = [];
  let last = 0;
  let sep = "";
  for (const m of text.matchAll(SEPARATOR_RE)) {
    const at = m.index!;
    if (
      m[0] === "," && /[0-9]$/.test(text.slice(0, at)) &&
      /^[0-9]{3}(?![0-9])/.test(text.slice(at + 1))
    ) {
      continue;
    }
    pieces.push({ sep, text: text.slice(last, at) });
    sep = m[0];
    last = at + m[0].length;
  }
  pieces.push({ sep, text: text.slice(last) });

  const clauses: Clause[] = [];
  for (const piece of pieces) {
    const fields = fieldsOf(piece.text);
    const prev = clauses[clauses.length - 1];
    if (prev !== undefined && (prev.fields.length === 0 || fields.length === 0)) {
      prev.text += piece.sep + piece.text;
      if (prev.fields.length === 0) prev.fields = fieldsOf(prev.text);
    } else if (piece.text.trim() !== "" || fields.length > 0) {
      clauses.push({ text: piece.text, fields });
    } else if (prev !== undefined) {
      prev.text += piece.sep;
    }
  }
  return clauses.flatMap(cutAtLabels).filter((c) => c.text.trim() !== "");
}

/** The facts a piece of text names, by explicit label or by an industry phrase. */
function fieldsOf(text: string): FactField[] {
  const labelled = findLabels(text).map((l) => l.field);
  if (labelled.length > 0) return labelled;
  return extractIndustry(text) !== null ? ["industry"] : [];
}

// Cuts a clause that names several facts at the labels. When the first fact's value comes
// before its label (10件發明專利…), the value in front of each later label is moved with it.
function cutAtLabels(clause: Clause): Clause[] {
  const labels = findLabels(clause.text);
  if (labels.length < 2) return [clause];
  const head = clause.text.slice(0, labels[0].index);
  const valueFirst = NUMBER_START_RE.test(
    head.replace(/^(?:我們|我们|公司|有|共|總共|总共|\s)+/, ""),
  );
  const cuts = labels.slice(1).map((l) => {
    if (!valueFirst) return l.index;
    const before = clause.text.slice(0, l.index);
    const lead = before.match(
      /(?:有|共)?\s*[0-9零〇一二兩两三四五六七八九十百千萬万億亿]+\s*(?:件|個|个|項|项|張|张|份|種|种)?\s*$/,
    );
    return lead ? l.index - lead[0].length : l.index;
  });
  const bounds = [0, ...cuts, clause.text.length];
  return labels.map((l, i) => ({
    text: clause.text.slice(bounds[i], bounds[i + 1]),
    fields: [l.field],
  }));
}
