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

import {
  CHANGE_CLAIM_PATTERN,
  NOT_ZERO_PATTERN,
  SKIP_PATTERN,
  ZERO_WORD_PATTERN,
} from "../lexicon/mod.ts";
import { parseAmount } from "../parsing/amount.ts";
import { normalizeCertificationName, parseCertificationList } from "../parsing/certifications.ts";
import { parseCount } from "../parsing/count.ts";
import { normalizeText, squash } from "../parsing/normalize.ts";
import type { ParseOutcome } from "../parsing/outcome.ts";
import { findNumberSpans, isRangeGap } from "../parsing/spans.ts";
import type { CompanyProfile } from "../types.ts";

// A 0 standing alone, or a dash as the whole text: "none" written as a number or a symbol.
const LONE_ZERO = /(?:^|[^0-9.,])0(?![0-9.,])|^\s*-+\s*$/m;

/** Characters of context read on each side of a number (currency words, units, 件…). */
const CONTEXT_CHARS = 12;

/** Whether a sentence claims that data was recorded, changed, deleted or completed. */
export function claimsChange(text: string): boolean {
  return CHANGE_CLAIM_PATTERN.test(normalizeText(text));
}

/**
 * What a text (a message, a document chunk) states, prepared once for many checks: its
 * normalised form, the amounts and counts its numbers parse to, and whether it says "none".
 */
export class Evidence {
  readonly #text: string;
  readonly #squashed: string;
  readonly #bare: string;
  #amounts: Set<number> | null = null;
  #counts: Set<number> | null = null;
  #names: Set<string> | null = null;

  constructor(text: string) {
    this.#text = normalizeText(text);
    this.#squashed = this.#text.replace(/\s+/g, "").toLowerCase();
    this.#bare = withoutSeparators(this.#squashed);
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
    const text = this.#text.replace(NOT_ZERO_PATTERN, " ");
    return ZERO_WORD_PATTERN.test(text) || LONE_ZERO.test(text);
  }

  /** Whether the text asks to leave a field empty (跳過, 不提供, 無, `-`…). */
  saysSkip(): boolean {
    return SKIP_PATTERN.test(this.#text) || this.saysNone();
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
    const written = withoutSeparators(squash(name));
    if (written !== "" && this.#bare.includes(written)) return true;
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
function withoutSeparators(squashed: string): string {
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
