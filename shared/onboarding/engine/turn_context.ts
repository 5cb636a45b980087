/**
 * The working memory of one chat turn, whichever engine reads the message: the changes
 * decided so far (applied to a running copy of the data so later steps of the same turn see
 * them), the state being built, and the sentences to say.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { ParseFailure } from "../parsing/outcome.ts";
import type { CompanyField } from "../progress.ts";
import type { CompanyProfile, OnboardingSnapshot, ProductChange } from "../types.ts";
import { applyProductChange } from "./apply.ts";
import type { ConversationState, PendingValue, ProductDraft } from "./state.ts";
import { refusalText } from "./texts.ts";

/** One turn in progress. */
export class TurnContext {
  /** The data as it was before the turn. */
  readonly before: OnboardingSnapshot;
  /** The data with this turn's changes applied so far. */
  current: OnboardingSnapshot;
  /** Company fields set this turn. */
  readonly profile: Partial<CompanyProfile> = {};
  /** Product changes decided this turn, in order. */
  readonly changes: ProductChange[] = [];
  /** The product being collected (null when none). */
  draft: ProductDraft | null;
  /** Whether the summary awaits confirmation after this turn. */
  confirming: boolean;
  /** Sentences said after the company acknowledgement (product acks). */
  readonly notes: string[] = [];
  /** Paragraphs set apart (refusals, hints, help). */
  readonly notices: string[] = [];
  /** Ask for the ESG names rather than the plain ESG question. */
  askEsgNames = false;
  /** Whether anything in the message was understood. */
  handled = false;
  /** Company fields whose value this turn the user hedged (`大約12件`); the ack says so. */
  readonly hedged = new Set<CompanyField>();
  /** A value to confirm on the next turn (set by `refuse` for an implausible value). */
  pendingValue: PendingValue | null = null;
  /**
   * Fields whose answer was refused with a re-ask (why, and one example): when the next
   * question is for one of them, the re-ask stands for it and it is not repeated.
   */
  readonly reasked = new Set<CompanyField | "product_name">();
  /** The value the previous turn asked to confirm, if any. */
  readonly askedToConfirm: PendingValue | null;

  constructor(snapshot: OnboardingSnapshot, state: ConversationState) {
    this.before = snapshot;
    this.current = { profile: { ...snapshot.profile }, products: [...snapshot.products] };
    this.draft = state.draft ? { ...state.draft } : null;
    this.confirming = state.confirm !== null;
    this.askedToConfirm = state.pendingValue ?? null;
  }

  /**
   * Records why a value for `field` was refused. An implausible capital is not refused but
   * asked about (the next question is the confirmation), unless it is the very value the
   * previous turn asked to confirm: saying it again confirms it, so it is stored.
   */
  refuse(field: CompanyField, reason: ParseFailure, value?: number): void {
    if (reason === "implausible" && field === "capital_amount" && value !== undefined) {
      const asked = this.askedToConfirm;
      if (asked !== null && asked.field === field && asked.value === value) {
        this.setProfile({ capital_amount: value });
      } else {
        this.pendingValue = { field, value };
      }
      return;
    }
    this.notices.push(refusalText(field, reason, value));
    this.reasked.add(field);
  }

  /** Records company values (already validated). */
  setProfile(patch: Partial<CompanyProfile>): void {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      (this.profile as Record<string, unknown>)[key] = value;
      (this.current.profile as unknown as Record<string, unknown>)[key] = value;
    }
  }

  /** Records a product change and applies it to the running copy. */
  changeProduct(change: ProductChange): void {
    this.changes.push(change);
    this.current = {
      profile: this.current.profile,
      products: applyProductChange(this.current.products, change),
    };
  }
}
