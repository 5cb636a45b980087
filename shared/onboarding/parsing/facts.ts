/**
 * Extracting every labelled company fact from one free-form message, in any order, including
 * corrections (`資本額改成600萬`). Unlabelled bare values (`500萬` alone) are not guessed here:
 * the engine reads those against the question it asked.
 */

import {
  APOLOGY_PATTERN,
  BOTH_KINDS_PATTERN,
  CORRECTION_PATTERN,
  FACT_FILLER_PATTERN,
  isQuestion,
  LABEL_GROUP_PATTERN,
  TWO_KINDS_PATTERN,
} from "../lexicon/mod.ts";
import type { CompanyProfile } from "../types.ts";
import { parseAmount } from "./amount.ts";
import { heldText, parseCertificationList } from "./certifications.ts";
import { splitClauses } from "./clauses.ts";
import { parseCount } from "./count.ts";
import { extractIndustry } from "./industry.ts";
import { FACT_PROFILE_FIELDS, type FactField, removeLabels } from "./labels.ts";
import { normalizeText } from "./normalize.ts";
import type { ParseFailure } from "./outcome.ts";
import { isNoneAnswer, parseYesNo } from "./yes_no.ts";

/** A labelled fact whose value could not be accepted, and why. */
export interface FactProblem {
  field: keyof CompanyProfile;
  reason: ParseFailure;
  /** The value read, when it is to be confirmed rather than refused (`implausible`). */
  value?: number;
}

/** What a message said: the accepted values and the refused ones. */
export interface ExtractedFacts {
  profile: Partial<CompanyProfile>;
  problems: FactProblem[];
  /** Fields whose value the user hedged (`大約12件`); present only when there are some. */
  hedged?: (keyof CompanyProfile)[];
}

/**
 * Extracts the labelled facts of a message: industry (產業別：… or a `…業` phrase), capital
 * (資本額/資本總額/實收資本), invention and utility patents (`發明專利10件`, `有2個發明專利`,
 * `發明專利：沒有` → 0), company certifications (`公司認證3張`, `認證：ISO 9001、ISO 14001` →
 * count 2 and the list) and ESG (`ESG：ISO 14064、ISO 14067` → true and the list, `沒有ESG認證`
 * → false and []). Corrections (改成/應該是/不是…是…) take the value after the last correction
 * word; a later statement of a field replaces an earlier one. Questions are ignored. ESG names
 * given as company certifications (and the reverse) are moved to the right list. A label with
 * an unusable value adds a problem (`資本額-5` → negative) instead of a value; a dash set off
 * by spaces after a label is a separator (`utility patents - 3` → 3). A bare 專利 with none
 * (`沒有專利`, `兩種專利都是0`), or labels sharing one (`發明跟新型專利都沒有`), gives both patent
 * counts 0. `asked`, the company question pending, lets a leading unlabelled value that
 * answers it count (`1000萬，發明專利五件` → capital 10,000,000 and 5 invention patents), and
 * lets the industry be any short line of business. Returns the values and problems.
 */
export function extractFacts(message: string, asked?: FactField): ExtractedFacts {
  const profile: Partial<CompanyProfile> = {};
  const problems = new Map<keyof CompanyProfile, FactProblem>();
  const hedged = new Set<keyof CompanyProfile>();
  const set = <K extends keyof CompanyProfile>(key: K, value: CompanyProfile[K]) => {
    profile[key] = value;
    problems.delete(key);
    hedged.delete(key);
  };
  const refuse = (field: FactField, reason: ParseFailure, value?: number) => {
    const key = FACT_PROFILE_FIELDS[field][0];
    for (const k of FACT_PROFILE_FIELDS[field]) delete profile[k];
    hedged.delete(key);
    problems.set(key, value === undefined ? { field: key, reason } : { field: key, reason, value });
  };

  // Count labels given without a value, waiting for a shared `各N件` (發明專利和新型專利各2件).
  let waiting: CountField[] = [];
  const clauses = splitClauses(
    normalizeText(message),
    asked,
    asked === undefined ? undefined : (text) => answers(asked, text),
  );
  for (const clause of clauses) {
    if (isQuestion(clause.text.replace(APOLOGY_PATTERN, " "))) continue;
    if (clause.bothPatents) {
      // Only a none or a zero is read: `專利有5件` does not say which kind.
      if (sharedZero(clause.text.replace(LABEL_GROUP_PATTERN, " "))) {
        set("invention_patent_count", 0);
        set("utility_patent_count", 0);
      }
      waiting = [];
      continue;
    }
    for (const field of clause.fields) {
      const value = valueText(clause.text, field);
      const empty = value.replace(FACT_FILLER_PATTERN, "") === "";
      if (isCountField(field)) {
        if (empty) {
          waiting.push(field);
          continue;
        }
        if (value.includes("各")) {
          const shared = parseCount(value);
          if (shared.ok) { for (const other of waiting) set(other, shared.value); }
        } else if (BOTH_KINDS_PATTERN.test(value) && sharedZero(value)) {
          for (const other of waiting) set(other, 0);
        }
      }
      waiting = [];
      switch (field) {
        case "industry": {
          const industry = extractIndustry(clause.text, asked === "industry");
          if (industry !== null) set("industry", industry);
          else if (!empty) refuse(field, "invalid");
          break;
        }
        case "capital_amount":
        case "invention_patent_count":
        case "utility_patent_count": {
          if (empty) break;
          const outcome = field === "capital_amount" ? parseAmount(value) : parseCount(value);
          if (outcome.ok) set(field, outcome.value);
          else {refuse(
              field,
              outcome.reason === "missing" ? "invalid" : outcome.reason,
              outcome.value,
            );}
          if (outcome.ok && outcome.hedged) hedged.add(field);
          break;
        }
        case "certification_count":
        case "esg_certification": {
          const reason = applyCertifications(field, value, empty, profile, set);
          if (reason !== null) refuse(field, reason);
          break;
        }
      }
    }
  }
  return {
    profile,
    problems: [...problems.values()],
    ...(hedged.size > 0 ? { hedged: [...hedged] } : {}),
  };
}

// Whether a value said for both patent kinds is none or zero (`都沒有`, `兩種都是0`); the words
// naming the two kinds are not a count of two.
function sharedZero(value: string): boolean {
  const count = parseCount(value.replace(TWO_KINDS_PATTERN, " "));
  return count.ok && count.value === 0;
}

// Whether a leading unlabelled value answers the question asked, so it can be read as such.
function answers(field: FactField, text: string): boolean {
  switch (field) {
    case "industry":
      return extractIndustry(text, true) !== null;
    case "capital_amount":
      return parseAmount(text).ok;
    case "invention_patent_count":
    case "utility_patent_count":
      return parseCount(text).ok;
    case "certification_count":
    case "esg_certification": {
      const list = parseCertificationList(text);
      return parseCount(text).ok || isNoneAnswer(text) ||
        [...list.esg, ...list.company, ...list.unknown].length > 0;
    }
  }
}

// Every correction word (`matchAll` and `replace` each start a global pattern afresh).
const CORRECTIONS_RE = new RegExp(CORRECTION_PATTERN, "g");

// The part of a clause that holds the value: labels removed, and after a correction word only
// what follows it (資本額從500萬改成600萬 → 600萬; 資本額不是500萬，是600萬 → 600萬). A dash set
// off by spaces right after the label separates (`Capital - NT$12M`); `資本額-5` stays negative.
function valueText(clause: string, field: FactField): string {
  let text = removeLabels(clause, field).replace(/^\s*[:=]?\s*-\s+(?=\S)/, " ");
  // The value follows the last correction word that has one after it: in `應該是800萬才對`
  // the closing 才對 has nothing after it, so the value is what follows 應該是.
  const corrections = [...text.matchAll(CORRECTIONS_RE)];
  const withValue = corrections.findLast((c) =>
    text.slice(c.index! + c[0].length).replace(CORRECTION_PATTERN, "").replace(
      FACT_FILLER_PATTERN,
      "",
    ) !==
      ""
  );
  if (withValue !== undefined) {
    text = text.slice(withValue.index! + withValue[0].length)
      .replace(CORRECTIONS_RE, " ");
  } else if (/不是/.test(text)) {
    const after = text.slice(text.lastIndexOf("不是") + 2);
    const yes = after.lastIndexOf("是");
    if (yes >= 0) text = after.slice(yes + 1);
  }
  return text.trim();
}

type CountField = "invention_patent_count" | "utility_patent_count";

function isCountField(field: FactField): field is CountField {
  return field === "invention_patent_count" || field === "utility_patent_count";
}

type Setter = <K extends keyof CompanyProfile>(key: K, value: CompanyProfile[K]) => void;

// Company and ESG certifications: "none", a list of names (each sent to the list it belongs
// to), a count, or (ESG only) a plain yes. Returns a failure reason, or null when handled.
function applyCertifications(
  field: "certification_count" | "esg_certification",
  said: string,
  empty: boolean,
  profile: Partial<CompanyProfile>,
  set: Setter,
): ParseFailure | null {
  const isEsg = field === "esg_certification";
  // Plans (`明年打算申請ISO 14064`) and bare hesitations are no certification held.
  const value = heldText(said);
  if (value === "" && !empty) return null;
  if (!empty && (isNoneAnswer(value) || parseYesNo(value) === "no")) {
    if (isEsg) {
      set("esg_certification", false);
      set("esg_certifications", []);
    } else {
      set("certification_count", 0);
      set("certifications", []);
    }
    return null;
  }
  const list = parseCertificationList(value);
  const esgNames = isEsg ? [...list.esg, ...list.unknown] : list.esg;
  const companyNames = isEsg ? list.company : [...list.company, ...list.unknown];
  if (esgNames.length > 0 || companyNames.length > 0) {
    if (esgNames.length > 0) {
      set("esg_certification", true);
      set("esg_certifications", merge(profile.esg_certifications, esgNames));
    }
    if (companyNames.length > 0) {
      const names = merge(profile.certifications, companyNames);
      // An explicit count larger than the names listed (5張，包括ISO 9001) is kept.
      const stated = parseCount(value.replace(/[A-Za-z]+[\s-]?\d+(?:[-:.]\d+)*/g, " "));
      set("certifications", names);
      set(
        "certification_count",
        stated.ok && stated.value > names.length ? stated.value : names.length,
      );
    }
    return null;
  }
  const count = parseCount(value);
  if (count.ok) {
    if (isEsg) {
      set("esg_certification", count.value > 0);
      if (count.value === 0) set("esg_certifications", []);
    } else {
      set("certification_count", count.value);
      if (count.value === 0) set("certifications", []);
    }
    return null;
  }
  if (count.reason !== "missing") return count.reason;
  if (isEsg && parseYesNo(value) === "yes") {
    set("esg_certification", true);
    return null;
  }
  return empty ? null : "invalid";
}

function merge(existing: string[] | null | undefined, names: string[]): string[] {
  return [...new Set([...(existing ?? []), ...names])];
}
