/**
 * Reading the industry (產業別) out of a sentence. The old system stored the whole message
 * ("1", "hello" and all); here a value is returned only when the text actually names one, and
 * never a broader or narrower industry than the one named (汽車零組件 is not 汽車業).
 */

import {
  ENGLISH_INDUSTRIES,
  ENGLISH_INDUSTRY_FILLER_PATTERN,
  FACT_LABELS,
  INDUSTRY_ACTIVITY_WORDS,
  INDUSTRY_ALIASES,
  INDUSTRY_INTRO_PATTERN,
  INDUSTRY_LEAD_FILLER_PATTERN,
  INDUSTRY_STEMS,
  INDUSTRY_TRAIL_FILLER_PATTERN,
  INDUSTRY_VERB_PATTERN,
  isQuestion,
  NOT_INDUSTRY_TAIL_PATTERN,
} from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "./normalize.ts";

// Longest first, so 生技醫療 wins over 生技 and 半導體封測 over 半導體.
const STEMS_BY_LENGTH = [...INDUSTRY_STEMS, ...Object.keys(INDUSTRY_ALIASES)]
  .sort((a, b) => b.length - a.length);
const ENGLISH_NAMES = new Map(Object.entries(ENGLISH_INDUSTRIES));
const LABEL_RE = new RegExp(FACT_LABELS.industry.source, "i");
const PHRASE_RE = /^([A-Za-z0-9\u4e00-\u9fff]{1,8}?)(產業|产业|業|业)(?![務务界])/;
const CLAUSE_SPLIT_RE = /[,;。、\n/]/;
// A gloss in brackets (`半導體封測(OSAT)`, `電子 [PCB]`) explains, it does not name.
const BRACKETS_RE = /\([^()]*\)?|\[[^\]]*\]?|【[^】]*】?/g;

/**
 * Extracts the industry named in a sentence: `我的公司是電子業` → `電子業`, `我們屬於食品業。`
 * → `食品業`, `產業別：半導體業` → `半導體業`, `算電子業` → `電子業`, `半導體` → `半導體業`,
 * `我們是做軟體的` → `軟體業`, `半導體封測(OSAT)` → `半導體封測業`, `餐飲 / 連鎖咖啡` →
 * `餐飲業`, `industry - food` / `software` → `食品業` / `軟體業`. Any `X業` (X of 1–8
 * characters) after 是/屬於/為/從事/：is accepted. After an explicit label (產業別：醫美診所)
 * any short phrase is taken as written. Returns null for text that names no industry (`你好`,
 * `500萬`, questions such as `什麼是新型專利？`, `中小企業`, `汽車零件` cut to a stem).
 */
export function extractIndustry(text: string): string | null {
  const t = stripEdgeNoise(normalizeText(text).replace(BRACKETS_RE, " "));
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
  return null;
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
  if (labelled && s.length <= 12 && /^[A-Za-z0-9\u4e00-\u9fff ]+$/.test(s) && !/^[\d ]+$/.test(s)) {
    return s;
  }
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
    const [, stem, suffix] = phrase;
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
  if (!/^[A-Za-z&\- ]+$/.test(s)) return null;
  const key = s.toLowerCase().replace(ENGLISH_INDUSTRY_FILLER_PATTERN, " ").replace(/\s+/g, " ")
    .trim();
  const stem = ENGLISH_NAMES.get(key);
  return stem === undefined ? null : `${stem}業`;
}
