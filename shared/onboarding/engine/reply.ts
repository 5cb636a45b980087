/**
 * Building a reply: what was recorded this turn (derived by comparing the data before and
 * after, so it always matches what is stored), progress in words where it helps, notices, and
 * exactly one next question, itself derived from the data and the state. Shared by both
 * engines.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import {
  COMPANY_FIELDS,
  type CompanyField,
  computeProgress,
  missingCompanyFields,
} from "../progress.ts";
import type { CompanyProfile, OnboardingSnapshot } from "../types.ts";
import { joinNames } from "./format.ts";
import { type Pending, pendingItem } from "./pending.ts";
import { type ConversationState, nextDraftField } from "./state.ts";
import { fieldValueText, summaryWithPrompt } from "./summary.ts";
import {
  ACK_TEXTS,
  COMPANY_QUESTIONS,
  confirmValueText,
  ESG_WHICH_QUESTION,
  FIELD_LABELS,
  GENERAL_TEXTS,
  HEDGED_NOTE,
  moreProductsQuestion,
  productQuestion,
  PRODUCTS_FIRST_QUESTION,
} from "./texts.ts";

/** Everything a reply is made of. */
export interface ReplyInput {
  /** The data before the turn. */
  before: OnboardingSnapshot;
  /** The data after the turn. */
  after: OnboardingSnapshot;
  /** The state after the turn (decides product and confirmation questions). */
  state: ConversationState;
  /** Sentences said right after the company acknowledgement (product changes, field acks). */
  notes?: string[];
  /** Paragraphs set apart: refused values, category hints, help answers. */
  notices?: string[];
  /** Ask which ESG certifications instead of the plain ESG question. */
  askEsgNames?: boolean;
  /** Company fields whose value the user hedged this turn (the ack says it can be changed). */
  hedged?: ReadonlySet<CompanyField>;
  /** Fields refused with a re-ask this turn (their question is then not repeated). */
  reasked?: ReadonlySet<CompanyField | "product_name">;
  /** The summary is shown again because the data changed since it was last shown. */
  summaryChanged?: boolean;
}

/**
 * Acknowledgements of the company fields that changed between two profiles; a value in
 * `hedged` (the user said 大約…) is followed by a note that it can be changed later.
 */
export function acknowledgeProfile(
  before: CompanyProfile,
  after: CompanyProfile,
  hedged: ReadonlySet<CompanyField> = new Set(),
): string[] {
  const added: CompanyField[] = [];
  const updated: string[] = [];
  const shown = (field: CompanyField) =>
    fieldValueText(after, field)! + (hedged.has(field) ? HEDGED_NOTE : "");
  for (const field of COMPANY_FIELDS) {
    const now = fieldValueText(after, field);
    const was = fieldValueText(before, field);
    if (now === null || now === was) continue;
    if (was === null) added.push(field);
    else updated.push(GENERAL_TEXTS.updated(FIELD_LABELS[field], shown(field)));
  }
  const out: string[] = [];
  if (added.length === 1) out.push(singleAck(added[0], after, shown(added[0])));
  if (added.length > 1) {
    const items = added.map((f) => ACK_TEXTS.item(FIELD_LABELS[f], shown(f)));
    out.push(ACK_TEXTS.many(items.join("；")));
  }
  return [...out, ...updated];
}

function singleAck(field: CompanyField, profile: CompanyProfile, shown: string): string {
  if (field === "esg_certification") {
    return profile.esg_certification
      ? ACK_TEXTS.esg_yes(joinNames(profile.esg_certifications ?? []))
      : ACK_TEXTS.esg_no;
  }
  return ACK_TEXTS[field](shown);
}

/** Progress in words when it helps: the company part just completed, or 1–2 items left. */
export function progressRemark(
  before: OnboardingSnapshot,
  after: OnboardingSnapshot,
): string | null {
  const was = computeProgress(before);
  const now = computeProgress(after);
  if (now.fields_completed <= was.fields_completed) return null;
  if (now.company_info_complete) return GENERAL_TEXTS.companyDone;
  const left = now.total_fields - now.fields_completed;
  return left <= 2 ? GENERAL_TEXTS.remaining(left) : null;
}

/**
 * The one question to ask next, derived from the data and the state: a value to confirm, the
 * summary while confirming, the next field of a product being collected, the first missing
 * company field, then the first or the "more products?" question.
 */
export function nextQuestion(
  snapshot: OnboardingSnapshot,
  state: ConversationState,
  opts: { askEsgNames?: boolean; summaryChanged?: boolean } = {},
): string {
  if (state.pendingValue) {
    return confirmValueText(state.pendingValue.field, state.pendingValue.value);
  }
  if (state.confirm) return summaryWithPrompt(snapshot, opts.summaryChanged);
  if (state.draft) {
    const field = nextDraftField(state.draft);
    if (field !== null) return productQuestion(field, state.draft.product_name ?? null);
  }
  const missing = missingCompanyFields(snapshot.profile);
  if (missing.length > 0) {
    return missing[0] === "esg_certification" && opts.askEsgNames
      ? ESG_WHICH_QUESTION
      : COMPANY_QUESTIONS[missing[0]];
  }
  return snapshot.products.length === 0
    ? PRODUCTS_FIRST_QUESTION
    : moreProductsQuestion(snapshot.products.length);
}

/**
 * Builds the reply: `好的，您的公司屬於電子業。接下來，請問…` for a plain step; notices and
 * multi-line questions go into paragraphs of their own.
 */
export function buildReply(input: ReplyInput): string {
  const acks = acknowledgeProfile(input.before.profile, input.after.profile, input.hedged);
  const remark = progressRemark(input.before, input.after);
  const lead = [...acks, ...(input.notes ?? []), ...(remark ? [remark] : [])].join("");
  const notices = input.notices ?? [];
  const pending = pendingItem(input.after, input.state.draft, input.state.confirm !== null);
  // A re-ask for the very item asked next already says what to type, with an example.
  const asked = askedField(pending);
  const reasked = asked !== null && input.reasked?.has(asked) === true;
  const question = reasked ? "" : nextQuestion(input.after, input.state, input);
  if (notices.length === 0 && lead !== "" && !question.includes("\n")) {
    // 接下來 only after company data and before a question proper (請問…): after a product note,
    // or before 目前已登錄 N 個產品, it would read as an awkward join.
    const next = acks.length > 0 && question.startsWith("請問") ? GENERAL_TEXTS.next : "";
    return lead + next + question;
  }
  return [lead, ...notices, question].filter((part) => part !== "").join("\n\n");
}

// The field whose answer a pending item asks for, as `ReplyInput.reasked` names it.
function askedField(pending: Pending): CompanyField | "product_name" | null {
  if (pending.kind === "company") return pending.field;
  if (pending.kind === "products") return "product_name";
  if (pending.kind === "product_field" && pending.field === "product_name") return "product_name";
  return null;
}
