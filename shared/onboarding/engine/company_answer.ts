/**
 * Reading an unlabelled answer (`500萬`, `10`, `沒有`, `電子業`) against the company question
 * that is pending, and keeping ESG/certification values consistent with what the database
 * accepts (ESG yes needs at least one name; no means an empty list).
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { parseAmount } from "../parsing/amount.ts";
import { heldText, parseCertificationList } from "../parsing/certifications.ts";
import { parseCount } from "../parsing/count.ts";
import { extractIndustry } from "../parsing/industry.ts";
import type { ParseFailure, ParseOutcome } from "../parsing/outcome.ts";
import { isNoneAnswer, parseYesNo } from "../parsing/yes_no.ts";
import { MAX_INDUSTRY_LENGTH } from "../limits.ts";
import type { CompanyField } from "../progress.ts";
import type { CompanyProfile } from "../types.ts";
import { joinNames } from "./format.ts";
import { CATEGORY_HINTS } from "./texts.ts";

/** What an answer said about one company field. */
export interface FieldReading {
  /** Values to store (empty when the answer was refused). */
  patch: Partial<CompanyProfile>;
  /** Why the answer was refused, when it was. */
  failure?: ParseFailure;
  /** The value read, when it is to be confirmed rather than refused (`implausible`). */
  value?: number;
  /** The user hedged the value (`大約12件`): it is stored, and the acknowledgement says so. */
  hedged?: boolean;
  /** Notes for the user, e.g. a certification given in the wrong category. */
  hints: string[];
  /** The user said "yes, we have ESG certifications" without naming them. */
  askEsgNames?: boolean;
}

/** Reads an unlabelled answer to the question for `field`. */
export function readBareAnswer(
  field: CompanyField,
  text: string,
  profile: CompanyProfile,
): FieldReading {
  switch (field) {
    case "industry": {
      // The industry is asked: any short line of business is one (`觀光旅遊` → 觀光旅遊業).
      const industry = extractIndustry(text, true);
      if (industry === null) return { patch: {}, failure: "missing", hints: [] };
      if (industry.length > MAX_INDUSTRY_LENGTH) {
        return { patch: {}, failure: "invalid", hints: [] };
      }
      return { patch: { industry }, hints: [] };
    }
    case "capital_amount":
      return numberReading(field, parseAmount(text));
    case "invention_patent_count":
    case "utility_patent_count":
      return numberReading(field, parseCount(text));
    case "certification_count":
      return readCertificationAnswer(text, profile);
    case "esg_certification":
      return readEsgAnswer(text);
  }
}

// A parsed number as a reading: the value (hedged or not), or the refusal with the value to
// confirm when there is one.
function numberReading(
  field: "capital_amount" | "invention_patent_count" | "utility_patent_count",
  outcome: ParseOutcome<number>,
): FieldReading {
  if (outcome.ok) {
    return {
      patch: { [field]: outcome.value },
      hints: [],
      ...(outcome.hedged && { hedged: true }),
    };
  }
  return {
    patch: {},
    failure: outcome.reason,
    hints: [],
    ...(outcome.value !== undefined && { value: outcome.value }),
  };
}

// A count (3, 三份, 沒有) or a list of names (ISO 9001、ISO 14001 → 2). ESG names in the list
// are moved to the ESG list, with a hint, because they do not count as company certifications.
function readCertificationAnswer(said: string, profile: CompanyProfile): FieldReading {
  // Certifications only planned (`明年要申請ISO 9001`) are not held.
  const text = heldText(said);
  if (text === "") return { patch: {}, failure: "missing", hints: [] };
  const list = parseCertificationList(text);
  const names = [...list.company, ...list.unknown];
  const patch: Partial<CompanyProfile> = {};
  const hints: string[] = [];
  if (list.esg.length > 0) {
    patch.esg_certification = true;
    patch.esg_certifications = merge(profile.esg_certifications, list.esg);
    hints.push(CATEGORY_HINTS.esgAmongCompany(joinNames(list.esg)));
  }
  // Codes such as ISO 9001 are names, not counts: read an explicit count without them.
  const stated = parseCount(text.replace(/[A-Za-z]+[\s-]?\d+(?:[-:.]\d+)*/g, " "));
  if (names.length > 0) {
    patch.certifications = names;
    patch.certification_count = stated.ok && stated.value > names.length
      ? stated.value
      : names.length;
    return { patch, hints };
  }
  if (stated.ok) {
    patch.certification_count = stated.value;
    patch.certifications = stated.value === 0 ? [] : null;
    return { patch, hints, ...(stated.hedged && { hedged: true }) };
  }
  // Only ESG names were given: the ESG part is kept, the company count is still to be asked.
  if (list.esg.length > 0) return { patch, hints };
  return { patch: {}, failure: stated.reason, hints };
}

// Names (a list implies yes), none (無/沒有/N/A/- → no and []), or yes without names (ask
// which). Company certifications named here are pointed out and not counted as ESG. Plans
// and hesitations are left out first: `目前沒有，明年打算申請ISO 14064` and `不太確定，應該沒有`
// are none.
function readEsgAnswer(said: string): FieldReading {
  const text = heldText(said);
  if (text === "") return { patch: {}, failure: "missing", hints: [] };
  if (isNoneAnswer(text)) {
    return { patch: { esg_certification: false, esg_certifications: [] }, hints: [] };
  }
  const list = parseCertificationList(text);
  const esgNames = [...list.esg, ...list.unknown];
  const hints = list.company.length > 0
    ? [CATEGORY_HINTS.companyAmongEsg(joinNames(list.company))]
    : [];
  if (esgNames.length > 0) {
    return { patch: { esg_certification: true, esg_certifications: esgNames }, hints };
  }
  const answer = parseYesNo(text);
  if (answer === "no") {
    return { patch: { esg_certification: false, esg_certifications: [] }, hints };
  }
  if (answer === "yes" || hints.length > 0) return { patch: {}, hints, askEsgNames: true };
  return { patch: {}, failure: "missing", hints };
}

/**
 * Makes a profile patch consistent with the stored profile and the database rules: a
 * non-empty ESG list means yes, `false` means an empty list, and a bare yes without any name
 * (stored or given) is dropped (the caller asks for the names instead). Returns the fixed
 * patch and whether names must be asked for.
 */
export function settleEsg(
  patch: Partial<CompanyProfile>,
  profile: CompanyProfile,
): { patch: Partial<CompanyProfile>; askEsgNames: boolean } {
  const out = { ...patch };
  if (out.esg_certifications !== undefined) {
    const list = out.esg_certifications ?? [];
    out.esg_certifications = list;
    if (list.length > 0) out.esg_certification = true;
    else if (out.esg_certification !== true) out.esg_certification = false;
  }
  if (out.esg_certification === false) out.esg_certifications = [];
  if (out.esg_certification === true) {
    const names = out.esg_certifications ?? profile.esg_certifications ?? [];
    if (names.length === 0) {
      delete out.esg_certification;
      delete out.esg_certifications;
      return { patch: out, askEsgNames: true };
    }
  }
  return { patch: out, askEsgNames: false };
}

function merge(existing: string[] | null, names: string[]): string[] {
  return [...new Set([...(existing ?? []), ...names])];
}
