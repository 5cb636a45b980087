/**
 * A tiny conversation driver for engine tests: runs each message through the rule engine and
 * applies the turn to the snapshot as the database would (via applyTurn).
 */

import { applyTurn } from "../../../shared/onboarding/engine/apply.ts";
import { runRuleTurn } from "../../../shared/onboarding/engine/rule_engine.ts";
import { type ConversationState, initialState } from "../../../shared/onboarding/engine/state.ts";
import type { EngineTurn } from "../../../shared/onboarding/engine/types.ts";
import { emptyProfile, type OnboardingSnapshot } from "../../../shared/onboarding/types.ts";

/** A conversation in progress. */
export class Conversation {
  snapshot: OnboardingSnapshot;
  state: ConversationState;
  last: EngineTurn | null = null;
  completed = false;

  constructor(snapshot?: OnboardingSnapshot, state?: ConversationState) {
    this.snapshot = snapshot ?? { profile: emptyProfile(), products: [] };
    this.state = state ?? initialState();
  }

  /** Sends one message; returns the reply. Refuses to talk after completion (the API's 409). */
  say(message: string): string {
    if (this.completed) throw new Error("session already completed");
    const turn = runRuleTurn({
      state: this.state,
      snapshot: this.snapshot,
      history: [],
      message,
    });
    // The state must survive a round trip through jsonb.
    this.state = JSON.parse(JSON.stringify(turn.state));
    this.snapshot = applyTurn(this.snapshot, turn);
    this.completed = turn.completed;
    this.last = turn;
    return turn.reply;
  }

  /** Sends several messages; returns the last reply. */
  sayAll(...messages: string[]): string {
    let reply = "";
    for (const m of messages) reply = this.say(m);
    return reply;
  }
}

/** A snapshot with every company field filled (as in the contract example) and no products. */
export function completeCompany(): OnboardingSnapshot {
  return {
    profile: {
      industry: "電子業",
      capital_amount: 5_000_000,
      invention_patent_count: 10,
      utility_patent_count: 5,
      certification_count: 3,
      certifications: null,
      esg_certification: true,
      esg_certifications: ["ISO 14064", "ISO 14067"],
    },
    products: [],
  };
}

/** The product block of the contract example. */
export const P001_BLOCK = [
  "產品ID：P001",
  "產品名稱：智能晶片",
  "價格：1000元",
  "主要原料：矽晶圓",
  "產品規格：10nm製程",
  "技術優勢：低功耗、高效能",
].join("\n");
