/**
 * Reading the industry (產業別) out of a sentence. The old system stored the whole message
 * ("1", "hello" and all); here a value is returned only when the text actually names one, and
 * never a broader or narrower industry than the one named (汽車零組件 is not 汽車業).
 */

import {
  CONFIRM_WORDS,
  COUNT_CLASSIFIER_PATTERN,
  ENGLISH_INDUSTRIES,
  ENGLISH_INDUSTRY_FILLER_PATTERN,
  ENGLISH_INDUSTRY_TAIL_PATTERN,
  FACT_LABELS,
  FINISH_WORDS,
  GREETING_PATTERN,
  INDEFINITE_PATTERN,
  INDUSTRY_ACTIVITY_WORDS,
  INDUSTRY_ALIASES,
  INDUSTRY_INSTITUTION_END_PATTERN,
  INDUSTRY_INTRO_PATTERN,
  INDUSTRY_LEAD_FILLER_PATTERN,
  INDUSTRY_PHRASE_TAIL_PATTERN,
  INDUSTRY_STEMS,
  INDUSTRY_TRAIL_FILLER_PATTERN,
  INDUSTRY_VERB_PATTERN,
  isQuestion,
  LINE_OF_BUSINESS_WORDS,
  NO_WORDS,
  NOT_INDUSTRY_PHRASE_PATTERN,
  NOT_INDUSTRY_TAIL_PATTERN,
  REJECT_WORDS,
  SKIP_WORDS,
  SMALL_TALK_WORDS,
  YES_WORDS,
} from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "./normalize.ts";
import { findNumberSpans } from "./spans.ts";
import { isNoneAnswer } from "./yes_no.ts";

// Longest first, so 生技醫療 wins over 生技 and 半導體封測 over 半導體.
const STEMS_BY_LENGTH = [...INDUSTRY_STEMS, ...Object.keys(INDUSTRY_ALIASES)]
  .sort((a, b) => b.length - a.length);
const ENGLISH_NAMES = new Map(Object.entries(ENGLISH_INDUSTRIES));
// What an unlisted line of business must contain: a stem of two characters or more (one
// character, such as 農, is too common to vouch for a phrase) or a word of trade.
const BUSINESS_WORDS = [
  ...STEMS_BY_LENGTH.filter((stem) => stem.length > 1),
  ...Object.values(ENGLISH_INDUSTRIES),
  ...LINE_OF_BUSINESS_WORDS,
];
const LABEL_RE = new RegExp(FACT_LABELS.industry.source, "i");
const PHRASE_RE = /^([A-Za-z0-9\u4e00-\u9fff]{1,8}?)(產業|产业|業|业)(?![務务界])/;
const CLAUSE_SPLIT_RE = /[,;。、\n/|]/;
// A gloss in brackets (`半導體封測(OSAT)`, `電子 [PCB]`, `金屬加工（傳產）`) explains, it does
// not name.
const BRACKETS_RE = /\([^()]*\)?|\[[^\]]*\]?|【[^】]*】?|（[^）]*）?|〔[^〕]*〕?/g;
// Emoji and other symbols (`紡織🧵`, `食品業 👍`) decorate, they do not name.
const SYMBOLS_RE = /[\p{Extended_Pictographic}\p{So}\u200d\ufe0f]/gu;
// The longest line of business read as written when the industry is asked; longer is a
// sentence.
const MAX_PHRASE_LENGTH = 12;

/**
 * Extracts the industry named in a sentence: `我的公司是電子業` → `電子業`, `我們屬於食品業。`
 * → `食品業`, `產業別：半導體業` → `半導體業`, `算電子業` → `電子業`, `半導體` → `半導體業`,
 * `我們是做軟體的` → `軟體業`, `半導體封測(OSAT)` → `半導體封測業`, `餐飲 / 連鎖咖啡` →
 * `餐飲業`, `industry - food` / `software` → `食品業` / `軟體業`. Any `X業` (X of 1–8
 * characters) after 是/屬於/為/從事/：is accepted. After an explicit label (產業別：醫美診所)
 * any short line of business is taken (`產業別：電子零組件` → `電子零組件業`, `產業別：醫美診所`
 * as written), and so it is when `asked` (the industry question is pending): `金屬加工（傳產）`
 * → `金屬加工業`, `做美容美髮的` → `美容美髮業`, `本公司為精密機械製造商` → `精密機械業`.
 * Returns null for text that names no industry (`你好`, `500萬`, questions such as
 * `什麼是新型專利？`, `中小企業`, `汽車零件` cut to a stem, and unless asked any phrase that
 * is not a known industry).
 */
export function extractIndustry(text: string, asked = false): string | null {
  const t = stripEdgeNoise(
    unwrap(normalizeText(text)).replace(BRACKETS_RE, " ").replace(SYMBOLS_RE, " ")
      .replace(/ {2,}/g, " "),
  );
  if (t === "" || isQuestion(t)) return null;
  const label = t.match(LABEL_RE);
  if (label) {
    const rest = t.slice(label.index! + label[0].length).replace(INDUSTRY_VERB_PATTERN, "");
    const value = firstClause(rest);
    if (value !== "") {
      const named = canonical(value, true);
      if (named !== null) return named;
    }
  }
  for (const intro of t.matchAll(INDUSTRY_INTRO_PATTERN)) {
    const named = canonical(firstClause(t.slice(intro.index! + intro[0].length)), false);
    if (named !== null) return named;
  }
  for (const clause of t.split(CLAUSE_SPLIT_RE)) {
    const named = canonical(clause, false, true);
    if (named !== null) return named;
  }
  return asked && !label ? lineOfBusiness(onlyClause(t), false) : null;
}

// A whole answer in brackets (`【自行車零件】`) is the answer, not a gloss.
function unwrap(t: string): string {
  const inner = t.trim().match(/^(?:\((.+)\)|\[(.+)\]|【(.+)】|（(.+)）|〔(.+)〕)$/);
  return inner ? inner.slice(1).find((g) => g !== undefined)! : t;
}

// The one clause of an answer, allowing thanks, a greeting or an indefinite aside around it
// (`觀光旅遊，謝謝`, `什麼都做一點，主要是五金加工`); several clauses with content are not one
// line of business.
function onlyClause(t: string): string {
  const clauses = t.split(CLAUSE_SPLIT_RE).map((c) => stripEdgeNoise(c.trim()))
    .filter((c) =>
      c !== "" && !SMALL_TALK_WORDS.has(c.toLowerCase()) && c.search(INDEFINITE_PATTERN) < 0
    );
  return clauses.length === 1 ? clauses[0] : "";
}

/**
 * A short phrase naming a line of business that is in no stem list (`美容美髮`, `觀光旅遊`,
 * `農產品加工`), with fillers and a trailing 的/商/公司/行業 removed and 業 added unless it ends
 * in 業 or a place of business (`醫美診所`). Unless `labelled` (it followed 產業別：), the
 * phrase must hold a known stem or a word of trade (`LINE_OF_BUSINESS_WORDS`). Null for
 * chatter, answers to other questions, numbers, sentences and non-industries such as 企業.
 */
function lineOfBusiness(raw: string, labelled: boolean): string | null {
  let s = stripEdgeNoise(raw.replace(GREETING_PATTERN, " ")).trim();
  for (let before = ""; before !== s;) {
    before = s;
    s = s.replace(INDUSTRY_LEAD_FILLER_PATTERN, "").replace(INDUSTRY_PHRASE_TAIL_PATTERN, "")
      .trim();
  }
  if (
    s.length < 2 || s.length > MAX_PHRASE_LENGTH || !/[\u4e00-\u9fff]/.test(s) ||
    !/^[A-Za-z0-9\u4e00-\u9fff ]+$/.test(s) || NOT_INDUSTRY_PHRASE_PATTERN.test(s) ||
    isAnswerWord(s) || hasNumber(s)
  ) {
    return null;
  }
  const known = INDUSTRY_ALIASES[s] ?? s;
  if (/業$/.test(known)) return NOT_INDUSTRY_TAIL_PATTERN.test(known.slice(0, -1)) ? null : known;
  if (INDUSTRY_INSTITUTION_END_PATTERN.test(known)) return known;
  // After an industry label the user says what it is (`產業：光學鏡頭`); a bare answer without a
  // stem or a word of trade in it is a guess (`看情況`, `秘密`): ask.
  return labelled || BUSINESS_WORDS.some((w) => known.includes(w)) ? `${known}業` : null;
}

// Whole-message answers to other questions (`好`, `沒有`, `跳過`, `完成`) name no industry.
function isAnswerWord(s: string): boolean {
  const w = s.toLowerCase().replace(/\s+/g, "");
  return [
    YES_WORDS,
    NO_WORDS,
    FINISH_WORDS,
    CONFIRM_WORDS,
    REJECT_WORDS,
    SKIP_WORDS,
    SMALL_TALK_WORDS,
  ]
    .some((set) => set.has(w)) || isNoneAnswer(w);
}

// A count or an amount (`5件`, `三百萬`, `2024`) is an answer to another question; digits in a
// code (`3C`) and numerals inside a word (`五金`) are not.
function hasNumber(s: string): boolean {
  return findNumberSpans(s).some((span) =>
    (span.arabic && !/[A-Za-z]$/.test(span.before) && !/^[A-Za-z]/.test(span.after)) ||
    span.hasUnit && /^[萬万億亿元]/.test(span.raw.slice(-1)) ||
    // `零組件` is a word: zero of something is no answer to the industry question anyway.
    (span.value ?? 0) > 0 && COUNT_CLASSIFIER_PATTERN.test(span.after)
  );
}

function firstClause(s: string): string {
  return s.split(CLAUSE_SPLIT_RE)[0].trim();
}

/**
 * Turns a candidate phrase into an industry name, or null. A stem followed by an activity word
 * (軟體開發) is accepted; by default a phrase that merely starts with `X業` is too (電子業的公司);
 * `whole` requires nothing but the industry, since a bare clause has no 是/屬於 to vouch for it;
 * `labelled` (after 產業別) also accepts any short phrase as written. Mixed Chinese and English
 * (`資訊服務 IT services`) is tried whole, then each script alone.
 */
function canonical(raw: string, labelled: boolean, whole = false): string | null {
  const s = trimFillers(raw);
  if (s === "") return null;
  const named = nameOf(s, whole);
  if (named !== null) return named;
  if (/[A-Za-z]/.test(s) && /[\u4e00-\u9fff]/.test(s)) {
    const chinese = trimFillers(s.replace(/[A-Za-z][A-Za-z&\- ]*/g, " ").trim());
    const english = s.replace(/[^A-Za-z&\- ]+/g, " ").trim();
    const either = (chinese !== "" ? nameOf(chinese, whole) : null) ?? englishIndustry(english);
    if (either !== null) return either;
  }
  if (labelled) return lineOfBusiness(s, true) ?? englishOnly(s);
  return null;
}

function trimFillers(s: string): string {
  return s.replace(INDUSTRY_LEAD_FILLER_PATTERN, "").replace(INDUSTRY_TRAIL_FILLER_PATTERN, "")
    .trim();
}

// An `X業` phrase, a known stem (alone, or with an activity word unless `whole`), or an English
// industry name; null otherwise.
function nameOf(s: string, whole: boolean): string | null {
  const phrase = s.match(PHRASE_RE);
  if (phrase && (!whole || phrase[0].length === s.length)) {
    const suffix = phrase[2];
    let stem = phrase[1];
    // `食品行業` is 食品業; `銀行業` and `旅行業` keep their 行.
    if (/^(?:業|业)$/.test(suffix) && /^.{2,}行$/.test(stem) && !INDUSTRY_STEMS.includes(stem)) {
      stem = stem.slice(0, -1);
    }
    if (NOT_INDUSTRY_TAIL_PATTERN.test(stem) || /^\d+$/.test(stem)) return null;
    const known = INDUSTRY_ALIASES[stem] ?? stem;
    if (suffix === "業" || suffix === "业" || INDUSTRY_STEMS.includes(known)) return `${known}業`;
    return `${stem}${suffix}`;
  }
  const stem = STEMS_BY_LENGTH.find((k) =>
    s === k || (!whole && s.startsWith(k) && INDUSTRY_ACTIVITY_WORDS.includes(s.slice(k.length)))
  );
  if (stem !== undefined) return `${INDUSTRY_ALIASES[stem] ?? stem}業`;
  return englishIndustry(s);
}

// `software`, `IT services`, `we are in the food industry` → the Chinese industry.
function englishIndustry(s: string): string | null {
  if (!/^[A-Za-z&'\- ]+$/.test(s)) return null;
  const key = s.toLowerCase().replace(ENGLISH_INDUSTRY_FILLER_PATTERN, " ").replace(/\s+/g, " ")
    .trim();
  const stem = ENGLISH_NAMES.get(key) ??
    ENGLISH_NAMES.get(key.replace(ENGLISH_INDUSTRY_TAIL_PATTERN, "").trim());
  return stem === undefined ? null : `${stem}業`;
}

// After a label, an English phrase not in the list is kept as written (`Industry: Fintech`)
// when it reads as a name, not a number.
function englishOnly(s: string): string | null {
  return /^[A-Za-z][A-Za-z0-9&\- ]{1,30}$/.test(s) ? s : null;
}
