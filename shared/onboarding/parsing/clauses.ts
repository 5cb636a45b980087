/**
 * Cutting a free-form message into clauses that each state one fact, so that
 * `我們是食品業，資本額500萬，有2個發明專利` becomes three clauses while the lists inside
 * `ESG：ISO 14064、ISO 14067` and the number `5,000,000` stay whole.
 */

import { CLAUSE_SEPARATOR_PATTERN } from "../lexicon/mod.ts";
import { extractIndustry } from "./industry.ts";
import { type FactField, findLabels, findPatentGroup } from "./labels.ts";

/** One clause and the facts it labels, in order of appearance. */
export interface Clause {
  text: string;
  fields: FactField[];
  /**
   * The clause names patents without saying which kind (`沒有專利`, `專利都沒有`): its fields
   * are both patent counts, and only a none or zero is read for them.
   */
  bothPatents?: true;
}

/**
 * Whether a value answers a question: given to `splitClauses`, it lets a leading unlabelled
 * value (`1000萬，發明專利五件…` while the capital is asked) be read as that answer.
 */
export type AnswerCheck = (text: string) => boolean;

// What may stand between a leading value and the first label: punctuation, or spaces too
// after an industry (`我們是電子業 資本額五千萬`).
const HEAD_END_RE = /[\s,;。、!/|]+$/;
const HEAD_PUNCTUATION_RE = /[,;。、!/|]/;
const NUMBER_START_RE = /^[0-9零〇一二兩两三四五六七八九十百千萬万億亿壹貳參叁肆伍陸柒捌玖拾佰仟]/;

/**
 * Splits normalised text into clauses. Every separator (，。；、 newline, 和/及/與/跟…) is a
 * candidate cut, but a piece becomes a new clause only when both it and the clause before it
 * name a fact; otherwise it is glued back on. That keeps lists (`ISO 9001、ISO 14001`) and
 * trailing chatter (`，謝謝`) with their fact. A comma inside a number (5,000,000) never cuts.
 * A clause naming several facts without separators (`發明專利10件新型專利5件`) is cut at labels,
 * and an industry before the first label (`電子業/資本額3000萬`, `我們是電子業 資本額五千萬`) is
 * a clause of its own; so is a leading unlabelled value that `answersAsked` accepts, set off by
 * punctuation (`1000萬，發明專利五件` while the capital is asked, read as `asked`). Returns the
 * clauses in order.
 */
export function splitClauses(
  text: string,
  asked?: FactField,
  answersAsked?: AnswerCheck,
): Clause[] {
  const pieces: { sep: string; text: string }[] = [];
  let last = 0;
  let sep = "";
  for (const m of text.matchAll(CLAUSE_SEPARATOR_PATTERN)) {
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
      if (prev.fields.length === 0) {
        prev.fields = fieldsOf(prev.text);
        Object.assign(prev, bothPatents(prev.text, prev.fields));
      }
    } else if (piece.text.trim() !== "" || fields.length > 0) {
      clauses.push({ text: piece.text, fields, ...bothPatents(piece.text, fields) });
    } else if (prev !== undefined) {
      prev.text += piece.sep;
    }
  }
  const [first, ...rest] = clauses;
  const head = first === undefined ? [] : splitHead(first, asked, answersAsked);
  return [...head, ...rest].flatMap(cutAtLabels).filter((c) => c.text.trim() !== "");
}

/** The facts a piece of text names, by explicit label or by an industry phrase. */
function fieldsOf(text: string): FactField[] {
  const labelled = findLabels(text).map((l) => l.field);
  if (labelled.length > 0) return labelled;
  if (findPatentGroup(text) !== null) return ["invention_patent_count", "utility_patent_count"];
  return extractIndustry(text) !== null ? ["industry"] : [];
}

// The text before the first label of the first clause, when it is a fact of its own: an
// industry, or the answer to the question asked. A number right before a label (10件發明專利)
// belongs to that label, so only a value set off by punctuation answers the question.
function splitHead(clause: Clause, asked?: FactField, answersAsked?: AnswerCheck): Clause[] {
  const labels = findLabels(clause.text);
  if (labels.length === 0 || labels[0].index === 0) return [clause];
  const head = clause.text.slice(0, labels[0].index);
  const end = head.match(HEAD_END_RE);
  if (end === null) return [clause];
  const value = head.slice(0, end.index);
  if (value.trim() === "") return [clause];
  let field: FactField | null = null;
  if (extractIndustry(value) !== null) field = "industry";
  else if (
    asked !== undefined && answersAsked !== undefined && HEAD_PUNCTUATION_RE.test(end[0]) &&
    answersAsked(value)
  ) {
    field = asked;
  }
  if (field === null) return [clause];
  const tail = clause.text.slice(labels[0].index);
  return [{ text: value, fields: [field] }, { text: tail, fields: fieldsOf(tail) }];
}

// Marks a clause whose only label is a bare 專利 (both kinds).
function bothPatents(text: string, fields: FactField[]): { bothPatents?: true } {
  return fields.length === 2 && findLabels(text).length === 0 && findPatentGroup(text) !== null
    ? { bothPatents: true }
    : {};
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
