/**
 * Choosing the conversation engine for a request: the AI engine (falling back to the rule
 * engine turn by turn; the fallback is given here, once) when a model is configured, else the
 * rule engine. Each engine says itself how much history it wants (`historyLength`).
 */
import type { Config } from "../../shared/config.ts";
import { createAiEngine } from "../../shared/onboarding/ai/engine.ts";
import { type ConversationEngine, ruleEngine } from "../../shared/onboarding/engine/mod.ts";

/**
 * The engine for one request. The AI engine is cheap to make (its client is shared per
 * isolate); making it per request lets its failure logs carry the request id.
 */
export function engineForRequest(config: Config, requestId: string): ConversationEngine {
  if (!config.openai) return ruleEngine;
  return createAiEngine({
    config: config.openai,
    fallback: ruleEngine,
    log: (event) =>
      console.warn(JSON.stringify({ level: "warn", request_id: requestId, ...event })),
  });
}
