/**
 * Reading a product out of a free sentence (`我們的招牌是一款叫恆溫保溫杯的產品，每個售價680元，
 * 材質是304不鏽鋼`): the name after a cue (叫, 品名是, quotes, `X這款`, `主力產品是X`, `賣X`),
 * and the price, materials, specification, advantages and ID after theirs. Only what a cue
 * introduces is read; a sentence is never taken as a name (no value without evidence), so a
 * sentence without a recognisable name yields no name and the engine asks.
 */

import {
  ADVANTAGE_CUES,
  CONFIRM_WORDS,
  EN_NO_WORDS,
  EN_YES_WORDS,
  FINISH_WORDS,
  HEDGE_PATTERN,
  MADE_OF_PATTERN,
  MATERIAL_CUES,
  NAME_CUES_ENDING_AT_DE,
  NO_WORDS,
  NONE_WORDS,
  PRICE_CUES,
  PRICE_PER_UNITS,
  PRODUCT_DEMONSTRATIVE_SUFFIXES,
  PRODUCT_ID_CUES,
  PRODUCT_INTRO_CUES,
  PRODUCT_LEADING_CHATTER,
  PRODUCT_NAME_CUES,
  PRODUCT_PRONOUNS,
  PRODUCT_SUPERLATIVE_PATTERN,
  REJECT_WORDS,
  SENTENCE_EDGES,
  SENTENCE_MARKERS,
  SKIP_WORDS,
  SMALL_TALK_PATTERN,
  SMALL_TALK_WORDS,
  SPEC_CUES,
  UNDECIDED_PATTERN,
  YES_WORDS,
} from "../lexicon/mod.ts";
import type { ProductFields } from "../types.ts";
import { normalizeValueText, stripEdgeNoise } from "./normalize.ts";

/** Fields other than the name that a sentence can state. */
export type ProductDetails = Partial<Omit<ProductFields, "product_name">>;

/** What a sentence says about one product. */
export interface ProductSentence {
  /** The name picked out of the sentence, or null when none can be told apart. */
  name: string | null;
  /** The other fields a cue introduced (`售價680元` → price `680元`). */
  details: ProductDetails;
}

// The longest name a reply or a sentence can hold (longer text is a sentence, not a name).
const MAX_NAME_CJK = 20;
const MAX_NAME_LENGTH = 40;
const MAX_NAME_WORDS = 6;

// Words as a pattern, longest first; an English word never matches inside a longer one.
function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => {
    const body = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    return /^[a-z]/i.test(w) ? `(?<![a-z])${body}(?![a-z])` : body;
  }).join("|");
}

// Where a clause ends: Chinese and ASCII sentence punctuation (a dot only outside numbers).
const DELIMITER = /[，,。;；!！?？\n]|\.(?!\d)/;
// Connectors between a cue and its value (`材質是`, `原料用的是`, `售價約`).
const CONNECTOR = "\\s*(?:主要)?(?:用的是|採用|使用|就是|是|為|用|有|約|大約|大概|:|：)?\\s*";

const PER_UNIT = `(?:每|一)(?:${alternation(PRICE_PER_UNITS)})`;
const CURRENCY_PREFIX = "(?:NT\\$|NTD|TWD|US\\$|USD|\\$|新台幣|新臺幣|台幣|臺幣)";
const CURRENCY_SUFFIX = "(?:元|塊錢|塊|块|圓|dollars?|NTD|TWD)";
const AMOUNT = `(?:${CURRENCY_PREFIX}\\s*)?(?:[0-9][0-9,]*(?:\\.[0-9]+)?\\s*[萬千]?\\s*` +
  `${CURRENCY_SUFFIX}?|[零一二兩三四五六七八九十百千萬]+${CURRENCY_SUFFIX})` +
  `(?:\\s*/\\s*(?:${alternation(PRICE_PER_UNITS)}))?`;
const PRICE_RE = new RegExp(
  `(?:${PER_UNIT}\\s*(?:${alternation(PRICE_CUES)})?|(?:${alternation(PRICE_CUES)}))` +
    `\\s*(?:是|為|:|：|約|大約|大概)?\\s*(${AMOUNT})`,
  "i",
);
// An amount with a currency, stated without a cue (`手工皂150元`).
const BARE_PRICE_RE = new RegExp(
  `${CURRENCY_PREFIX}\\s*[0-9][0-9,]*(?:\\.[0-9]+)?|[0-9][0-9,]*(?:\\.[0-9]+)?\\s*` +
    `(?:元|塊錢|塊)(?:\\s*/\\s*(?:${alternation(PRICE_PER_UNITS)}))?`,
  "i",
);
// `一塊` after a price (`150元一塊`) belongs to the price, not to the rest of the sentence.
const PER_UNIT_AFTER_RE = new RegExp(`^\\s*${PER_UNIT}`);
const ID_RE = new RegExp(
  `(?:${alternation(PRODUCT_ID_CUES)})${CONNECTOR}([A-Za-z0-9][A-Za-z0-9_\\-./]*)`,
  "i",
);
const NAME_CUE_RE = new RegExp(alternation(PRODUCT_NAME_CUES), "i");
const DE_ENDED_CUE_RE = new RegExp(`(?:${alternation(NAME_CUES_ENDING_AT_DE)})$`);

// Cues that end the value before them (a clause may hold two fields: `容量500ml特色是保溫`).
const STRONG_CUES = [...MATERIAL_CUES, ...SPEC_CUES, ...ADVANTAGE_CUES, "售價", "價格", "定價"];
const NEXT_CUE_RE = new RegExp(
  `${alternation(STRONG_CUES)}|${PER_UNIT}\\s*(?:${alternation(PRICE_CUES)})?\\s*[0-9$]`,
  "i",
);

// A cue's value (`材質是不鏽鋼`), for cueValue; and a name after a cue (`叫做芒果乾`), for
// afterCue (賣得很好, 賣掉 and 賣給 are not 賣 + a name). Compiled once, not per message.
const valueAfter = (cues: readonly string[]) =>
  new RegExp(`(${alternation(cues)})${CONNECTOR}`, "gi");
const nameAfter = (cue: string) =>
  new RegExp(`(?:${cue})(?![得了掉完出過給最])\\s*(?:是|為|:|：)?\\s*`, "gi");
const MATERIAL_VALUE_RE = valueAfter(MATERIAL_CUES);
const SPEC_VALUE_RE = valueAfter(SPEC_CUES);
const ADVANTAGE_VALUE_RE = valueAfter(ADVANTAGE_CUES);
const NAME_AFTER_RES = [
  nameAfter(alternation(PRODUCT_NAME_CUES)),
  nameAfter(alternation(PRODUCT_INTRO_CUES)),
  nameAfter(PRODUCT_SUPERLATIVE_PATTERN.source),
];
const DEMONSTRATIVE_RE = new RegExp(
  `([^，,。;；!！?？\\s]{1,20}?)(?:${alternation(PRODUCT_DEMONSTRATIVE_SUFFIXES)})`,
);

/** A span of the text a reading came from, so the rest can be searched for the name. */
interface Span {
  start: number;
  end: number;
}

/**
 * Reads a sentence about one product. `text` is the message with the user's punctuation
 * (normalised by `normalizeValueText`). Returns the name (null when none is stated clearly)
 * and the fields their cues introduce.
 */
export function parseProductSentence(text: string): ProductSentence {
  // Trailing particles, tildes and emoji (`一罐600元～`, `賣得很好喔😊`) are tone, not data.
  const said = stripEdgeNoise(normalizeValueText(text).replace(/\n/g, "，").replace(/～/g, "~"));
  const t = said.replace(PRODUCT_LEADING_CHATTER, "");
  // 對了還有咖啡濾杯, 第一個是手工皂: once the chatter is gone, a plain name is the name.
  if (t !== said && isPlainProductName(t)) return { name: clean(t), details: {} };
  const spans: Span[] = [];
  const details: ProductDetails = {};
  const price = t.match(PRICE_RE) ?? t.match(BARE_PRICE_RE);
  if (price) {
    details.price = (price[1] ?? price[0]).replace(/\s+/g, "").trim();
    const end = price.index! + price[0].length;
    const unit = t.slice(end).match(PER_UNIT_AFTER_RE)?.[0].length ?? 0;
    spans.push({ start: price.index!, end: end + unit });
  }
  const id = t.match(ID_RE);
  if (id) {
    details.product_id = id[1].replace(/[.]+$/, "");
    spans.push({ start: id.index!, end: id.index! + id[0].length });
  }
  const made = t.match(MADE_OF_PATTERN);
  const material = made
    ? { value: made[1].trim(), start: made.index!, end: made.index! + made[0].length }
    : cueValue(t, MATERIAL_VALUE_RE);
  if (material) {
    details.main_raw_materials = material.value;
    spans.push(material);
  }
  const spec = cueValue(t, SPEC_VALUE_RE, true);
  if (spec) {
    details.product_standard = spec.value;
    spans.push(spec);
  }
  const advantage = cueValue(t, ADVANTAGE_VALUE_RE);
  if (advantage) {
    details.technical_advantages = advantage.value;
    spans.push(advantage);
  }
  return { name: findName(t, spans), details };
}

/**
 * Whether a whole reply is a plain product name (`恆溫保溫杯`, `Smart Plug`, `有機肥料`): short,
 * one clause, no pronoun or glue verb around it, no price in it, not a greeting or thanks.
 */
export function isPlainProductName(text: string): boolean {
  const t = normalizeValueText(text).trim().replace(/^[「『"“]|[」』"”。.!！~]+$/g, "").trim();
  if (t === "" || t.includes("\n") || DELIMITER.test(t)) return false;
  if (SENTENCE_EDGES.test(t) || BARE_PRICE_RE.test(t) || /[「」『』"“”]/.test(t)) return false;
  if (NAME_CUE_RE.test(t)) return false; // 產品名稱是X names X, it is not the name
  return isNameLike(t);
}

/**
 * Whether a message reads as a product: a plain name, or a sentence from which a name or a
 * product field (a price, materials…) can be picked out. Such a message says nothing about the
 * company (`陶瓷濾杯` is not the 陶瓷 industry, `材質是塑膠` not the 塑膠 industry).
 */
export function readsAsProduct(text: string): boolean {
  if (isPlainProductName(text)) return true;
  const sentence = parseProductSentence(text);
  return sentence.name !== null || Object.keys(sentence.details).length > 0;
}

// Whole answers and commands (`確認`, `完成`, `沒有`, `好`, `跳過`, `ok`): never a name.
const ANSWER_WORDS: ReadonlySet<string> = new Set([
  ...YES_WORDS,
  ...NO_WORDS,
  ...FINISH_WORDS,
  ...CONFIRM_WORDS,
  ...REJECT_WORDS,
  ...SKIP_WORDS,
  ...NONE_WORDS,
  ...EN_YES_WORDS,
  ...EN_NO_WORDS,
  ...SMALL_TALK_WORDS,
]);
const HEDGES_RE = new RegExp(HEDGE_PATTERN.source, "gi");
const LEFTOVER_RE = new RegExp(`${alternation(STRONG_CUES)}|${HEDGE_PATTERN.source}`, "i");

/**
 * Whether a text is a whole answer or command rather than something named: a yes, no, none,
 * skip, finish, confirm or reject word (`確認`, `完成`, `沒有`, `好`, `跳過`, `ok`), or only
 * hedges (`左右`, `大概`).
 */
export function isAnswerWord(text: string): boolean {
  const t = normalizeValueText(text).toLowerCase().replace(/[\s。.!！~～,，、]+/g, "");
  if (t === "") return false;
  return ANSWER_WORDS.has(t) || t.replace(HEDGES_RE, "") === "";
}

// A candidate name: short, not a sentence, not small talk, an answer word, a pronoun, a number
// or a cue word.
function isNameLike(name: string): boolean {
  if (isAnswerWord(name)) return false;
  const cjk = name.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  if (cjk > MAX_NAME_CJK || name.length > MAX_NAME_LENGTH) return false;
  if (name.split(/\s+/).length > MAX_NAME_WORDS) return false;
  if (SENTENCE_MARKERS.test(name) || SMALL_TALK_PATTERN.test(name)) return false;
  // `不知道`, `再說`, `等一下` put the answer off; they name nothing.
  if (UNDECIDED_PATTERN.test(name)) return false;
  if (PRODUCT_PRONOUNS.has(name.toLowerCase())) return false;
  if (/^[0-9\s.,$元]+$/.test(name)) return false;
  return /[\p{L}\p{N}]/u.test(name);
}

// The value a cue (`re`, from valueAfter) introduces, up to the end of its clause or the next
// field's cue. (`matchAll` works on a copy of a global pattern, so sharing one is safe.)
function cueValue(
  text: string,
  re: RegExp,
  keepCue = false,
): (Span & { value: string }) | null {
  for (const m of text.matchAll(re)) {
    const start = m.index! + m[0].length;
    let rest = text.slice(start).split(DELIMITER)[0];
    const next = rest.search(NEXT_CUE_RE);
    if (next > 0) rest = rest.slice(0, next);
    const value = rest.replace(/[的了喔啦]+$/, "").trim();
    if (value === "") continue;
    // 容量500ml says more than 500ml; 規格 and 尺寸 add nothing to their value.
    const labelled = keepCue && /容量|重量|大小|精度/.test(m[1]) ? `${m[1]}${value}` : value;
    return { value: labelled, start: m.index!, end: start + rest.length };
  }
  return null;
}

// The name: quoted, after a name cue, before 這款, after an intro cue, or what is left once
// the fields are taken out, if that is a plain name.
function findName(text: string, spans: Span[]): string | null {
  const quoted = text.match(/[「『"“]([^」』"”]{1,40})[」』"”]/);
  if (quoted && isNameLike(clean(quoted[1]))) return clean(quoted[1]);
  for (const re of NAME_AFTER_RES) {
    const name = afterCue(text, re, spans);
    if (name !== null) return name;
  }
  const before = text.match(DEMONSTRATIVE_RE);
  if (before) {
    const name = clean(stripIntro(before[1]));
    if (isNameLike(name)) return name;
  }
  return remainder(text, spans);
}

// The name after a cue (`re`, from nameAfter), up to the clause end, 的產品, or the start of a
// field.
function afterCue(text: string, re: RegExp, spans: Span[]): string | null {
  for (const m of text.matchAll(re)) {
    const start = m.index! + m[0].length;
    if (spans.some((s) => start > s.start && start <= s.end)) continue; // 賣680元 is a price
    const fieldStart = Math.min(...spans.map((s) => s.start).filter((s) => s >= start), Infinity);
    let clause = text.slice(start, fieldStart).split(DELIMITER)[0];
    // 一款叫做芒果乾的零食: after 叫/叫做/名為 the name ends at 的.
    if (DE_ENDED_CUE_RE.test(m[0].trim())) clause = clause.replace(/的.*$/, "");
    const name = clean(clause.replace(/(?:的|之)?(?:產品|商品|品項|東西)$|的$/, ""));
    if (isNameLike(name)) return name;
  }
  return null;
}

// The text outside the fields' spans, if it is one plain name (`恆溫保溫杯，售價680元`).
function remainder(text: string, spans: Span[]): string | null {
  let rest = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    rest = rest.slice(0, s.start) + "，" + rest.slice(s.end);
  }
  const parts = rest.split(DELIMITER).map((p) => p.trim()).filter((p) =>
    p !== "" && !/^[的了喔啦呀耶]+$/.test(p) && !isAnswerWord(p)
  );
  if (parts.length !== 1 || spans.length === 0) return null;
  // A field's cue or a hedge left over (`售價差不多`) means the reading is unsure: no name.
  if (LEFTOVER_RE.test(parts[0])) return null;
  // 我們有一款高山烏龍茶 → 高山烏龍茶 (有機米 keeps its 有).
  const name = clean(
    parts[0].replace(
      /^(?:我們|我们|公司|目前)(?:的)?(?:有|在賣|賣|主打|推出|就是|是)?|^(?:有|在賣|賣|主打|推出)(?=一款|一個|一種|一項|一樣|款)/,
      "",
    ),
  );
  return isPlainProductName(name) ? name : null;
}

// Words before a name that introduce it (`我們有`, `主打`).
function stripIntro(s: string): string {
  return s.replace(/^(?:我們|我们|公司|目前)?(?:的)?(?:有|在賣|賣|主打|推出|就是|是)?/, "");
}

// A name without quotes, quantity words (`一款`) or trailing particles.
function clean(name: string): string {
  return name.trim()
    .replace(/^[「『"“]+|[」』"”]+$/g, "")
    .replace(/^(?:一款|一個|一種|一項|一樣|款|個)/, "")
    .replace(/[的了喔啦呢]+$/, "")
    .trim();
}
