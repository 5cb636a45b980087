/**
 * Shared pieces of the AI engine tests: a scripted result builder, an engine wired to a fake
 * OpenAI server over real HTTP, and the snapshots the scenarios start from.
 */

import assert from "node:assert/strict";
import { type AiLogEvent, createAiEngine } from "../../../shared/onboarding/ai/engine.ts";
import type {
  CompanyReading,
  DocumentModelOutput,
  TurnResult,
} from "../../../shared/onboarding/ai/schema.ts";
import { ruleEngine } from "../../../shared/onboarding/engine/rule_engine.ts";
import { applyTurn } from "../../../shared/onboarding/engine/apply.ts";
import { type ConversationState, initialState } from "../../../shared/onboarding/engine/state.ts";
import type { ConversationEngine, EngineTurn } from "../../../shared/onboarding/engine/types.ts";
import { emptyProfile, type OnboardingSnapshot } from "../../../shared/onboarding/types.ts";
import {
  type FakeHandler,
  type FakeOpenAI,
  startFakeOpenAI,
  structured,
} from "../../support/fake_openai.ts";

/** A company reading with nothing read. */
export const NO_COMPANY: CompanyReading = {
  industry: null,
  capital_amount: null,
  invention_patent_count: null,
  utility_patent_count: null,
  certifications: null,
  esg_certifications: null,
};

/** A document-chunk result: `company` over {@link NO_COMPANY}, and the given products. */
export function documentResult(
  company: Partial<CompanyReading>,
  products: DocumentModelOutput["products"] = [],
): DocumentModelOutput {
  return { company: { ...NO_COMPANY, ...company }, products };
}

/** A turn result with nothing read, overridden by `over` (company keys may be partial). */
export function result(
  over: Omit<Partial<TurnResult>, "company"> & { company?: Partial<CompanyReading> } = {},
): TurnResult {
  return {
    products: [],
    asked_question: null,
    wants_finish: false,
    confirmed: false,
    reply: "",
    ...over,
    company: { ...NO_COMPANY, ...over.company },
  };
}

/** A document product with every field null unless given. */
export function documentProduct(
  over: Partial<DocumentModelOutput["products"][number]> = {},
): DocumentModelOutput["products"][number] {
  return {
    product_id: null,
    product_name: null,
    price: null,
    main_raw_materials: null,
    product_standard: null,
    technical_advantages: null,
    ...over,
  };
}

/** A product proposal (`upsert` unless given) with every field null unless given. */
export function product(
  over: Partial<TurnResult["products"][number]>,
): TurnResult["products"][number] {
  return { action: "upsert", ...documentProduct(), ...over };
}

/** An AI engine talking to a fresh fake server; the logs it wrote. */
export interface Rig {
  engine: ConversationEngine;
  fake: FakeOpenAI;
  logs: AiLogEvent[];
}

/**
 * Runs `fn` with an engine wired to a fake answering with `handler` (falling back to the rule
 * engine unless `options.fallback` is given); closes the fake after.
 */
export async function withFake(
  handler: FakeHandler,
  fn: (rig: Rig) => Promise<void>,
  options: { timeoutMs?: number; maxRetries?: number; fallback?: ConversationEngine } = {},
): Promise<void> {
  const fake = await startFakeOpenAI(handler);
  const logs: AiLogEvent[] = [];
  const engine = createAiEngine({
    config: { apiKey: "sk-test", model: "test-model-mini", baseUrl: fake.baseUrl },
    fallback: ruleEngine,
    log: (e) => logs.push(e),
    ...options,
  });
  try {
    await fn({ engine, fake, logs });
  } finally {
    await fake.close();
  }
}

/** A conversation through the AI engine, applying each turn as the database would. */
export class AiChat {
  snapshot: OnboardingSnapshot;
  state: ConversationState = initialState();
  last: EngineTurn | null = null;
  /** The results the fake answers with, in order (one per model call). */
  readonly script: TurnResult[] = [];

  constructor(readonly engine: ConversationEngine, snapshot?: OnboardingSnapshot) {
    this.snapshot = snapshot ?? { profile: emptyProfile(), products: [] };
  }

  /** Queues `scripted` (when given) and sends `message`; returns the turn. */
  async say(message: string, scripted?: TurnResult): Promise<EngineTurn> {
    if (scripted) this.script.push(scripted);
    const turn = await this.engine.turn({
      state: this.state,
      snapshot: this.snapshot,
      history: [],
      message,
    });
    this.state = JSON.parse(JSON.stringify(turn.state));
    this.snapshot = applyTurn(this.snapshot, turn);
    this.last = turn;
    return turn;
  }
}

/** Runs `fn` with a chat whose fake answers from the chat's script. */
export async function withChat(
  fn: (chat: AiChat, rig: Rig) => Promise<void>,
  snapshot?: OnboardingSnapshot,
): Promise<void> {
  let chat: AiChat | null = null;
  await withFake(() => {
    const next = chat!.script.shift();
    if (!next) throw new Error("the model was called without a scripted answer");
    return structured(next);
  }, async (rig) => {
    chat = new AiChat(rig.engine, snapshot);
    await fn(chat, rig);
    assert.deepEqual(chat.script, [], "every scripted answer was used");
  });
}
