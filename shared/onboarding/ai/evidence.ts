/**
 * No value without evidence (contract §7): a value the model proposes is stored only when the
 * text it claims to come from (the user's message, or a document's text) states it. The check
 * compares values, not spellings: both sides go through the rule engine's parsers, so the
 * model's `500萬` is supported by `資本額五百萬元` and its `ISO 14064` by `iso14064`.
 *
 * - amount: a number in the text whose parsed amount (read with a few characters of context
 *   on each side, never across another number) equals the value; a number that is part of a
 *   range (`500~600萬`), approximate (`100多萬`) or negative is no evidence;
 * - count: likewise with the count parser; 0 is also supported by a none-word (沒有, 無, none…);
 * - industry: its stem (the value without a trailing 業/產業) appears in the text;
 * - certification names: each new name appears in the text (normalised, case- and
 *   space-insensitive) or is recognised there by the certification parser; a count derived
 *   from the names needs no more; ESG "none" needs a none-word;
 * - free text (product fields): the value appears in the text, normalised, whitespace- and
 *   case-insensitive.
 *
 * Also here: whether a model sentence claims that data was changed (the server's own
 * acknowledgement is the only one that may say so).
 */

import { parseAmount } from "../parsing/amount.ts";
import { normalizeCertificationName, parseCertificationList } from "../parsing/certifications.ts";
import { parseCount } from "../parsing/count.ts";
import { normalizeText } from "../parsing/normalize.ts";
import type { ParseOutcome } from "../parsing/outcome.ts";
import { findNumberSpans, isRangeGap } from "../parsing/spans.ts";
import type { CompanyProfile } from "../types.ts";

// lexicon: move to shared/onboarding/lexicon
/** Words that state "none" / zero (a count of 0, ESG none). */
export const NONE_EVIDENCE_RE =
  /沒有|没有|沒|没|無|无|尚未|還未|还未|未曾|並未|零|(?:^|[^0-9.,])0(?![0-9.,])|\b(?:none|no|nil|zero|n\/a|na)\b|^\s*-+\s*$/im;

// lexicon: move to shared/onboarding/lexicon
/** Phrases that contain a none-word without meaning none (沒錯 = right, 無法 = cannot). */
export const NOT_NONE_RE =
  /沒錯|没错|沒問題|没问题|沒關係|没关系|無法|无法|無論|无论|無所謂|无所谓|有沒有|有没有|是否/g;

// lexicon: move to shared/onboarding/lexicon
/** Words that ask to leave an optional field empty (besides the none-words). */
export const SKIP_EVIDENCE_RE = /跳過|跳过|略過|略过|省略|不填|不提供|暫無|暂无|\b(?:skip|pass)\b/i;

// lexicon: move to shared/onboarding/lexicon
/** Phrases by which a sentence claims that data was recorded, changed, deleted or completed. */
export const CHANGE_CLAIM_RE = new RegExp(
  [
    "已(?:經|经)?(?:記錄|紀錄|记录|登錄|登录|登記|登记|更新|修改|更改|變更|变更|刪除|删除|移除|新增|加入|儲存|储存|保存|存檔|存档|完成|設定|设定|填入|填寫|填写)",
    "已(?:經|经)?(?:幫您|帮您|幫你|帮你|為您|为您|替您|將|将|把)",
    "記下來了|记下来了|記下了|记下了|記錄下來|记录下来",
    "更新為|更新为|更新成|設定為|设定为|設為|设为|修改為|修改为|改為|改为",
    "幫您改|帮您改|幫你改|帮你改",
    "\\b(?:recorded|updated|deleted|saved|stored|removed|added|changed|noted)\\b",
  ].join("|"),
  "i",
);

/** Characters of context read on each side of a number (currency words, units, 件…). */
const CONTEXT_CHARS = 12;

/** Normalised, without whitespace, lower-case: the form in which values are compared. */
export function squash(s: string): string {
  return normalizeText(s).replace(/\s+/g, "").toLowerCase();
}

/** Whether a sentence claims that data was recorded, changed, deleted or completed. */
export function claimsChange(text: string): boolean {
  return CHANGE_CLAIM_RE.test(normalizeText(text));
}

/**
 * What a text (a message, a document chunk) states, prepared once for many checks: its
 * normalised form, the amounts and counts its numbers parse to, and whether it says "none".
 */
export class Evidence {
  readonly #text: string;
  readonly #squashed: string;
  readonly #compact: string;
  #amounts: Set<number> | null = null;
  #counts: Set<number> | null = null;
  #names: Set<string> | null = null;

  constructor(text: string) {
    this.#text = normalizeText(text);
    this.#squashed = this.#text.replace(/\s+/g, "").toLowerCase();
    this.#compact = compact(this.#squashed);
  }

  /** The text, normalised. */
  get text(): string {
    return this.#text;
  }

  /** Whether `value` appears in the text (normalised, whitespace- and case-insensitive). */
  mentions(value: string): boolean {
    const v = squash(value);
    return v !== "" && this.#squashed.includes(v);
  }

  /** Whether the text says "none" (沒有, 無, 0, none, N/A…). */
  saysNone(): boolean {
    return NONE_EVIDENCE_RE.test(this.#text.replace(NOT_NONE_RE, " "));
  }

  /** Whether the text asks to leave a field empty (跳過, 不提供, 無, `-`…). */
  saysSkip(): boolean {
    return SKIP_EVIDENCE_RE.test(this.#text) || this.saysNone();
  }

  /** Whether a number in the text is this amount (parsed like a capital answer). */
  statesAmount(value: number): boolean {
    this.#amounts ??= numbersRead(this.#text, parseAmount);
    return this.#amounts.has(value);
  }

  /** Whether a number in the text is this count (0: also a none-word). */
  statesCount(value: number): boolean {
    this.#counts ??= numbersRead(this.#text, parseCount);
    return this.#counts.has(value) || (value === 0 && this.saysNone());
  }

  /** Whether the text names this industry (its stem, without 業/產業). */
  namesIndustry(industry: string): boolean {
    const stem = industry.trim().replace(/(?:產業|产业|業|业)$/, "");
    return this.mentions(stem);
  }

  /**
   * Whether the text names this certification: as written, ignoring separators (`ISO-9001`,
   * `iso9001`), or as the certification parser reads it (`9001` → ISO 9001).
   */
  namesCertification(name: string): boolean {
    const written = compact(squash(name));
    if (written !== "" && this.#compact.includes(written)) return true;
    if (this.#names === null) {
      const list = parseCertificationList(this.#text);
      this.#names = new Set([...list.esg, ...list.company, ...list.unknown]);
    }
    return this.#names.has(normalizeCertificationName(name));
  }

  /**
   * Whether every value of a company patch is stated by the text. Values already stored in
   * `profile` need no evidence (a list the patch extends keeps its stored names).
   */
  supportsPatch(patch: Partial<CompanyProfile>, profile: CompanyProfile): boolean {
    const newNames = (key: "certifications" | "esg_certifications") =>
      (patch[key] ?? []).filter((n) => !(profile[key] ?? []).includes(n));
    for (const key of Object.keys(patch) as (keyof CompanyProfile)[]) {
      const ok = (() => {
        switch (key) {
          case "industry":
            return patch.industry == null || this.namesIndustry(patch.industry);
          case "capital_amount":
            return patch.capital_amount == null || this.statesAmount(patch.capital_amount);
          case "invention_patent_count":
          case "utility_patent_count": {
            const value = patch[key];
            return value == null || this.statesCount(value);
          }
          case "certification_count": {
            const value = patch.certification_count;
            const names = patch.certifications ?? [];
            if (value == null) return true;
            return (names.length > 0 && value === names.length) || this.statesCount(value);
          }
          case "certifications":
          case "esg_certifications":
            return newNames(key).every((n) => this.namesCertification(n));
          case "esg_certification":
            return patch.esg_certification !== false || this.saysNone();
        }
      })();
      if (!ok) return false;
    }
    return true;
  }
}

// Squashed text without the separators names are written with (ISO-9001, ISO 14064-1:2018).
function compact(squashed: string): string {
  return squashed.replace(/[-_:./]/g, "");
}

// The values `parse` reads from each number of `text`, each with a little context on either
// side but never reaching another number; numbers that form a range with a neighbour are
// skipped (the parsers refuse approximate and negative ones themselves).
function numbersRead(text: string, parse: (s: string) => ParseOutcome<number>): Set<number> {
  const spans = findNumberSpans(text);
  const values = new Set<number>();
  spans.forEach((span, i) => {
    const prev = spans[i - 1];
    const next = spans[i + 1];
    if (prev && isRangeGap(text.slice(prev.end, span.start))) return;
    if (next && isRangeGap(text.slice(span.end, next.start))) return;
    const from = Math.max(prev?.end ?? 0, span.start - CONTEXT_CHARS);
    const to = Math.min(next?.start ?? text.length, span.end + CONTEXT_CHARS);
    const read = parse(text.slice(from, to));
    if (read.ok) values.add(read.value);
  });
  return values;
}
