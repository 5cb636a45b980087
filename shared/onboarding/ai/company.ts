/**
 * Turning the company facts the model read into values safe to store, with exactly the parsers
 * the rule engine uses: a value the model proposes is treated like the user's own answer to
 * that field's question. The rule engine's labelled-fact reader also runs on the user's own
 * words, and wins for any field it read, so the model can neither "fix" a refused value
 * (`資本額-5` read as `5`) nor contradict what the user plainly wrote. And no value without
 * evidence: a value the text does not state (see evidence.ts) is not stored, and a refusal is
 * only reported for a value the text contains.
 */

import { MAX_INDUSTRY_LENGTH } from "../limits.ts";
import { extractIndustry } from "../parsing/industry.ts";
import type { ParseFailure } from "../parsing/outcome.ts";
import type { CompanyField } from "../progress.ts";
import type { CompanyProfile } from "../types.ts";
import {
  companyFieldOf,
  type FieldReading,
  readBareAnswer,
  readFacts,
  settleEsg,
} from "../engine/mod.ts";
import { Evidence } from "./evidence.ts";
import type { CompanyReading } from "./schema.ts";

/** Longest raw value accepted from the model for one company field. */
export const MAX_PROPOSED_VALUE_LENGTH = 500;

/** The validated company part of a turn. */
export interface CompanyUpdate {
  /** Values to store (already consistent: ESG list and flag agree). */
  patch: Partial<CompanyProfile>;
  /** Proposed values that were refused, by field, to be re-asked. */
  problems: { field: CompanyField; reason: ParseFailure; value?: number }[];
  /** Category hints (an ESG name given as a company certification, and the reverse). */
  hints: string[];
  /** ESG was said to be yes without any name: ask which. */
  askEsgNames: boolean;
  /** Fields whose proposed value the text does not state (not stored, nor refused). */
  unsupported: CompanyField[];
}

// The model's keys, in asking order, with the question each one answers. Certifications come
// before ESG so that ESG names found among company certifications can be merged.
const READING_FIELDS: [keyof CompanyReading, CompanyField][] = [
  ["industry", "industry"],
  ["capital_amount", "capital_amount"],
  ["invention_patent_count", "invention_patent_count"],
  ["utility_patent_count", "utility_patent_count"],
  ["certifications", "certification_count"],
  ["esg_certifications", "esg_certification"],
];

/**
 * Reads the model's company facts as answers to each field's question (rule parsers), keeping
 * only values that `source` (the text the model read) states.
 */
export function readModelCompany(
  reading: CompanyReading,
  profile: CompanyProfile,
  source: Evidence,
): CompanyUpdate {
  const patch: Partial<CompanyProfile> = {};
  const running: CompanyProfile = { ...profile };
  const out: CompanyUpdate = {
    patch,
    problems: [],
    hints: [],
    askEsgNames: false,
    unsupported: [],
  };
  for (const [key, field] of READING_FIELDS) {
    const raw = reading[key];
    if (typeof raw !== "string") continue;
    const value = raw.trim();
    if (value === "") continue;
    const answer: FieldReading = value.length > MAX_PROPOSED_VALUE_LENGTH
      ? { patch: {}, failure: "invalid", hints: [] }
      : readField(field, value, running);
    // A value is kept only when the text states it, and a refusal is reported only for a
    // value the text contains or that the text itself is refused for (`負五塊` read as `-5`):
    // a user who never wrote a capital is not told that -1 is not a valid one.
    const stated = answer.failure === undefined
      ? source.supportsPatch(answer.patch, running)
      : source.mentions(value) || (answer.failure !== "missing" &&
        readField(field, source.text, running).failure === answer.failure);
    if (!stated) {
      out.unsupported.push(field);
      continue;
    }
    Object.assign(patch, answer.patch);
    Object.assign(running, answer.patch);
    out.hints.push(...answer.hints);
    out.askEsgNames ||= answer.askEsgNames === true;
    if (answer.failure !== undefined) {
      // An implausible value travels with its reason, to be confirmed as in the rule engine.
      const value = answer.value === undefined ? {} : { value: answer.value };
      out.problems.push({ field, reason: answer.failure, ...value });
    }
  }
  const settled = settleEsg(patch, profile);
  out.patch = settled.patch;
  out.askEsgNames ||= settled.askEsgNames;
  return out;
}

function readField(field: CompanyField, value: string, profile: CompanyProfile): FieldReading {
  const answer = readBareAnswer(field, value, profile);
  if (field !== "industry" || answer.failure === undefined) return answer;
  // The model labelled this text as the industry, so it is read like `產業別：…` would be
  // (a short phrase such as `IC設計` is then accepted as written, as the rule engine does).
  const industry = extractIndustry(`產業別：${value}`);
  return industry !== null && industry.length <= MAX_INDUSTRY_LENGTH
    ? { patch: { industry }, hints: [] }
    : answer;
}

/**
 * The company update of a turn: the model's reading, overridden field by field by whatever the
 * rule engine's own labelled-fact reader found in the user's message (values and refusals).
 */
export function companyUpdate(
  reading: CompanyReading,
  message: string,
  profile: CompanyProfile,
): CompanyUpdate {
  const model = readModelCompany(reading, profile, new Evidence(message));
  const rule = readFacts(message, profile);
  if (!rule.found) return model;
  const ruled = new Set<CompanyField>([
    ...Object.keys(rule.patch).map((k) => companyFieldOf(k as keyof CompanyProfile)),
    ...rule.problems.map((p) => p.field),
  ]);
  const patch: Partial<CompanyProfile> = {};
  for (const [key, value] of Object.entries(model.patch)) {
    if (!ruled.has(companyFieldOf(key as keyof CompanyProfile))) {
      (patch as Record<string, unknown>)[key] = value;
    }
  }
  Object.assign(patch, rule.patch);
  const settled = settleEsg(patch, profile);
  return {
    patch: settled.patch,
    problems: [...model.problems.filter((p) => !ruled.has(p.field)), ...rule.problems],
    hints: [...new Set([...rule.hints, ...model.hints])],
    askEsgNames: settled.askEsgNames || rule.askEsgNames ||
      (model.askEsgNames && !ruled.has("esg_certification")),
    unsupported: model.unsupported.filter((field) => !ruled.has(field)),
  };
}

/** Whether an update says anything (a value, a refusal, a hint or an ESG follow-up). */
export function isEmptyUpdate(update: CompanyUpdate): boolean {
  return Object.keys(update.patch).length === 0 && update.problems.length === 0 &&
    update.hints.length === 0 && !update.askEsgNames;
}
