/**
 * The chatbot's heavy modules, each loaded by the first request that needs it rather than when
 * the function boots (docs/benchmarks.md, "Cold boot"): a health check, a session list or an
 * export never loads the conversation engine, its parsers and lexicon, the AI engine or the
 * event-stream writer.
 * Types are still imported statically (`import type` costs nothing at run time).
 *
 * @module
 */
import { lazy } from "../../shared/lazy.ts";

/** The conversation: taking turns and opening sessions, with the rule engine behind them. */
export const loadConversation = lazy(() => import("./conversation.ts"));

/** The rule engine and the document turn (`shared/onboarding/engine`). */
export const loadRuleEngine = lazy(() => import("../../shared/onboarding/engine/mod.ts"));

/** The streamed (server-sent events) form of `POST /message`, with Hono's SSE helper. */
export const loadMessageStream = lazy(() => import("./routes/message_stream.ts"));

/** The AI engine (its `openai` client is loaded later still, by its first model call). */
export const loadAiEngine = lazy(() => import("../../shared/onboarding/ai/engine.ts"));
