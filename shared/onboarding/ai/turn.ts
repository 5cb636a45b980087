/**
 * Deciding an AI turn on the server: which messages the rule engine owns outright (the
 * confirmation state machine and whole-message commands), and, for the rest, applying the
 * model's validated reading in the turn kit's `TurnContext` and ending the turn exactly as the
 * rule engine does (same next question, same summary/confirmation digest, same reply builder).
 */

import { normalizeText } from "../parsing/normalize.ts";
import { parseProductBlock } from "../parsing/products.ts";
import {
  closeDraft,
  endTurn,
  type EngineInput,
  type EngineTurn,
  GENERAL_TEXTS,
  isAddProductRequest,
  isConfirmWord,
  isCorrection,
  isFinishWord,
  isNoWord,
  isRejectWord,
  isYesWord,
  parseDeleteCommand,
  pendingItem,
  requestFinish,
  TurnContext,
} from "../engine/mod.ts";
import { companyUpdate, isEmptyUpdate } from "./company.ts";
import { applyProductProposals, type RejectedProposal } from "./products.ts";
import type { TurnResult } from "./schema.ts";

/**
 * Whether the rule engine answers this message alone, without asking the model: confirming,
 * rejecting or finishing (so nothing the model says can complete a session), delete and
 * add-product commands, plain yes/no answers and labelled product blocks (all read exactly
 * and cheaply by the rule engine).
 */
export function ruleOwnsMessage(input: EngineInput): boolean {
  const text = normalizeText(input.message);
  if (isConfirmWord(text) || isFinishWord(text) || isRejectWord(text)) return true;
  if (isAddProductRequest(text) || parseDeleteCommand(text) !== null) return true;
  if (isYesWord(text) || isNoWord(text)) return true;
  return parseProductBlock(text) !== null;
}

/** The server's decision for a turn the model read, plus what the log should know. */
export interface DecidedTurn {
  turn: EngineTurn;
  rejected: RejectedProposal[];
  /**
   * False when the server refused part of what the model proposed (a product change, an
   * invalid value, a value the message does not state, a completion): the model's sentence
   * may then claim what did not happen.
   */
  allAccepted: boolean;
}

/**
 * Applies the model's validated reading. Returns null when the model read nothing usable and
 * proposed nothing the server refused (the caller then lets the rule engine read the message,
 * or answers with the model's words). When every proposal was refused for want of evidence,
 * the turn stores nothing and asks the pending question again.
 */
export function decideTurn(input: EngineInput, result: TurnResult): DecidedTurn | null {
  const text = normalizeText(input.message);
  const ctx = new TurnContext(input.snapshot, input.state);
  const pending = pendingItem(ctx.current, ctx.draft, ctx.confirming);
  let understood = false;
  let refusedValues = false;
  const rejected: RejectedProposal[] = [];

  // While a product field is pending, its value may mention patents or certifications in
  // passing; company facts are then taken only from an explicit correction (rule engine).
  if (pending.kind !== "product_field" || isCorrection(text)) {
    const update = companyUpdate(result.company, text, ctx.current.profile);
    for (const field of update.unsupported) {
      rejected.push({ action: `company:${field}`, reason: "no_evidence" });
    }
    if (!isEmptyUpdate(update)) {
      understood = true;
      ctx.setProfile(update.patch);
      ctx.askEsgNames ||= update.askEsgNames;
      ctx.notices.push(...update.hints);
      refusedValues ||= update.problems.length > 0;
      for (const problem of update.problems) {
        ctx.refuse(problem.field, problem.reason, problem.value);
      }
    }
  }
  const products = applyProductProposals(ctx, result.products, input.message);
  understood ||= products.applied;
  rejected.push(...products.rejected);

  // "I am done" is only a request: the rule engine's requestFinish shows the summary when the
  // company data is complete (or says what is missing); completing needs a confirm word.
  if (result.wants_finish && !ctx.confirming) {
    closeDraft(ctx);
    requestFinish(ctx);
    understood = true;
  }
  // A confirmation in other words than the rule engine's confirm words shows the summary again
  // (its prompt asks for 「確認」) rather than completing on the model's say-so.
  if (result.confirmed && ctx.confirming) understood = true;
  if (!understood) {
    if (rejected.length === 0) return null;
    ctx.notices.push(GENERAL_TEXTS.notUnderstood);
  }
  return {
    turn: endTurn(ctx, input.state),
    rejected,
    allAccepted: rejected.length === 0 && !refusedValues && !result.confirmed,
  };
}
