/**
 * The interface both conversation engines (rule-based and AI) implement. Engines are pure:
 * they read the state, the data collected so far, the recent history and the user's message,
 * and return what to change, what to say and the next state; persisting it all is the turn
 * runner's job (`functions/chatbot/conversation.ts`).
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { CompanyProfile, OnboardingSnapshot, ProductChange } from "../types.ts";
import type { ConversationState } from "./state.ts";

/** One stored chat message, as history reaches an engine. */
export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/** What an engine gets for one turn. */
export interface EngineInput {
  /** The session's conversation state as stored after the previous turn. */
  state: ConversationState;
  /** The data collected so far (company fields and products). */
  snapshot: OnboardingSnapshot;
  /**
   * The stored messages before the current one, oldest first: at most the engine's
   * {@link ConversationEngine.historyLength} newest ones (none for the rule engine).
   */
  history: readonly ChatTurn[];
  /** The user's message as sent (the engine normalises it). */
  message: string;
  /**
   * Optional, for streamed responses: receives pieces of the reply text as they become known
   * (the AI engine sends the model's sentence while it is generated). Only a preview: the
   * returned `reply` is authoritative, and the route reconciles what was sent with it.
   * Engines may ignore it (the rule engine does).
   */
  onReplyDelta?: (text: string) => void;
}

/** What an engine decides for one turn. */
export interface EngineTurn {
  /** Company fields to set (only the changed ones; never clears a field). */
  profile: Partial<CompanyProfile>;
  /** Products to insert, update or delete, in order. */
  productChanges: ProductChange[];
  /** The assistant's reply. */
  reply: string;
  /** True on the turn that completes the session. */
  completed: boolean;
  /** The state to store for the next turn. */
  state: ConversationState;
  /**
   * Whether a model was asked for this turn and answered, or failed so that the rule engine
   * answered instead (the admin metrics count both); absent when no model was asked.
   */
  model?: "answered" | "failed";
}

/** A conversation engine: the rule-based one, or the AI one (which falls back to another). */
export interface ConversationEngine {
  /** A short name for logs only (`rule`, `ai`); no code decides anything by it. */
  readonly name: string;
  /** How many of the newest earlier messages the engine wants in {@link EngineInput.history}. */
  readonly historyLength: number;
  /**
   * Whether a turn waits on a remote service (a model: seconds). Such a turn is decided with no
   * database transaction open and stored only if the session did not change meanwhile; a local
   * engine's turn is decided under the session's lock.
   */
  readonly remote: boolean;
  /** Runs one turn. */
  turn(input: EngineInput): Promise<EngineTurn>;
}
