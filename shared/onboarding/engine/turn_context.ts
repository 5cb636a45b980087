/**
 * The working memory of one chat turn, whichever engine reads the message: the changes
 * decided so far (applied to a running copy of the data so later steps of the same turn see
 * them), the state being built, and the sentences to say.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { CompanyProfile, OnboardingSnapshot, ProductChange } from "../types.ts";
import { applyProductChange } from "./apply.ts";
import type { ConversationState, ProductDraft } from "./state.ts";

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

  constructor(snapshot: OnboardingSnapshot, state: ConversationState) {
    this.before = snapshot;
    this.current = { profile: { ...snapshot.profile }, products: [...snapshot.products] };
    this.draft = state.draft ? { ...state.draft } : null;
    this.confirming = state.confirm !== null;
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
