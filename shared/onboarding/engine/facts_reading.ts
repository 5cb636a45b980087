/**
 * Reading the labelled company facts of a message (several per message, any order,
 * corrections) through the shared fact extractor, then making them safe to store and noting
 * certifications that were given in the wrong category.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { extractFacts } from "../parsing/facts.ts";
import { ESG_MENTION_PATTERN, FACT_LABELS } from "../lexicon/mod.ts";
import { MAX_INDUSTRY_LENGTH } from "../limits.ts";
import type { ParseFailure } from "../parsing/outcome.ts";
import type { CompanyField } from "../progress.ts";
import type { CompanyProfile } from "../types.ts";
import { settleEsg } from "./company_answer.ts";
import { joinNames } from "./format.ts";
import { CATEGORY_HINTS } from "./texts.ts";

/** The facts a message stated, ready to store. */
export interface FactsReading {
  /** Values to store. */
  patch: Partial<CompanyProfile>;
  /** Labelled values that were refused, by company field. */
  problems: { field: CompanyField; reason: ParseFailure; value?: number }[];
  /** Company fields whose value the user hedged (`大約12件`). */
  hedged: CompanyField[];
  /** Category hints (ESG vs company certifications). */
  hints: string[];
  /** ESG was said to be yes without any name. */
  askEsgNames: boolean;
  /** Whether the message stated any fact at all (accepted or refused). */
  found: boolean;
}

/**
 * Reads the labelled facts of `text` against the stored `profile`. `asked`, the company
 * question pending, lets a leading unlabelled value answer it in a message with other facts.
 */
export function readFacts(
  text: string,
  profile: CompanyProfile,
  asked?: CompanyField,
): FactsReading {
  const facts = extractFacts(text, asked);
  const raw: Partial<CompanyProfile> = { ...facts.profile };
  const hints: string[] = [];
  const problems = facts.problems.map((p) => ({ ...p, field: companyFieldOf(p.field) }));

  // ESG names stated without mentioning ESG were given as company certifications; the
  // extractor already moved them to the ESG list, the user should know why.
  const newEsg = (raw.esg_certifications ?? []).filter((n) =>
    !(profile.esg_certifications ?? []).includes(n)
  );
  if (newEsg.length > 0 && !ESG_MENTION_PATTERN.test(text)) {
    hints.push(CATEGORY_HINTS.esgAmongCompany(joinNames(newEsg)));
  }
  // Company names inside an ESG answer are pointed out, and must not overwrite a company
  // count the user stated before.
  const companyLabelled = text.replace(FACT_LABELS.esg_certification, " ")
    .search(FACT_LABELS.certification_count) >= 0;
  if (raw.certifications && ESG_MENTION_PATTERN.test(text) && !companyLabelled) {
    hints.push(CATEGORY_HINTS.companyAmongEsg(joinNames(raw.certifications)));
    delete raw.certifications;
    delete raw.certification_count;
  }
  if (raw.industry && raw.industry.length > MAX_INDUSTRY_LENGTH) {
    delete raw.industry;
    problems.push({ field: "industry", reason: "invalid" });
  }
  const settled = settleEsg(raw, profile);
  return {
    patch: settled.patch,
    problems,
    hedged: (facts.hedged ?? []).map(companyFieldOf),
    hints,
    askEsgNames: settled.askEsgNames,
    found: Object.keys(facts.profile).length > 0 || problems.length > 0,
  };
}

/** The company field a profile key belongs to (the lists belong to their counts). */
export function companyFieldOf(key: keyof CompanyProfile): CompanyField {
  if (key === "certifications") return "certification_count";
  if (key === "esg_certifications") return "esg_certification";
  return key;
}
