/**
 * The two things that change a conversation — starting a session and taking a turn — shared by
 * the message, sessions and upload routes. Each runs inside the caller's transaction.
 */
import type { Tx } from "../../shared/db/client.ts";
import {
  findCopySource,
  insertOnboarding,
  lockSessionForTurn,
  saveTurn,
} from "../../shared/db/onboarding.ts";
import { insertMessages, insertSession, recentMessages } from "../../shared/db/sessions.ts";
import { ApiError, Detail } from "../../shared/http/errors.ts";
import type { Caller } from "../../shared/http/with_user.ts";
import {
  applyTurn,
  type ConversationEngine,
  type EngineInput,
  initialState,
  parseState,
  welcomeMessage,
} from "../../shared/onboarding/engine/mod.ts";
import { computeProgress } from "../../shared/onboarding/progress.ts";
import {
  emptyProfile,
  type OnboardingSnapshot,
  type Progress,
} from "../../shared/onboarding/types.ts";

/** A freshly started session. */
export interface StartedSession {
  sessionId: number;
  message: string;
  copied: boolean;
  progress: Progress;
}

/**
 * Creates a session for the caller, copying the data that contract §5.2 says to copy, and
 * stores the welcome (which summarises what was copied). Returns the session and its welcome.
 */
export async function startSession(tx: Tx, caller: Caller): Promise<StartedSession> {
  const [user, source] = await Promise.all([caller.user, findCopySource(tx, caller.owner)]);
  const snapshot: OnboardingSnapshot = source?.snapshot ??
    { profile: emptyProfile(), products: [] };
  const sessionId = await insertSession(tx, user, initialState());
  const message = welcomeMessage(snapshot, source !== undefined);
  await Promise.all([
    insertOnboarding(
      tx,
      { id: sessionId, userId: user.id, owner: user.external_user_id },
      snapshot,
    ),
    insertMessages(tx, { id: sessionId, owner: user.external_user_id }, [
      { role: "assistant", content: message },
    ]),
  ]);
  return { sessionId, message, copied: source !== undefined, progress: computeProgress(snapshot) };
}

/** The outcome of one turn. */
export interface TurnOutcome {
  reply: string;
  completed: boolean;
  progress: Progress;
  snapshot: OnboardingSnapshot;
}

/** Optional hooks of {@link takeTurn}, for a streamed response. */
export interface TurnHooks {
  /**
   * Called once the session is locked and known to be the caller's and active (and the caller
   * active): from here on no 4xx can happen, so a route may start streaming.
   */
  onActive?: () => void;
  /** Passed to the engine as `EngineInput.onReplyDelta` (pieces of the reply, a preview). */
  onReplyDelta?: (text: string) => void;
}

/**
 * Runs one turn of `engine` on the caller's active session: locks the session (concurrent turns
 * queue), gives the engine the last `engine.historyLength` messages, stores the user's message, the
 * reply, the data changes and the new state.
 * Throws 404 for a missing or foreign session and 409 for a completed one.
 */
export async function takeTurn(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  message: string,
  engine: ConversationEngine,
  hooks: TurnHooks = {},
): Promise<TurnOutcome> {
  // Waiting for the user row too means an inactive caller never reaches the engine.
  const [session, , history] = await Promise.all([
    lockSessionForTurn(tx, sessionId),
    caller.user,
    recentMessages(tx, sessionId, engine.historyLength),
  ]);
  if (!session) throw new ApiError(404, Detail.sessionNotFound);
  if (session.status === "completed") throw new ApiError(409, Detail.sessionCompleted);
  hooks.onActive?.();

  const input: EngineInput = {
    state: parseState(session.state),
    snapshot: session.snapshot,
    message,
    history,
    ...(hooks.onReplyDelta ? { onReplyDelta: hooks.onReplyDelta } : {}),
  };
  const turn = await engine.turn(input);
  await saveTurn(tx, {
    sessionId: session.id,
    onboardingId: session.onboardingId,
    owner: session.owner,
  }, {
    profile: turn.profile,
    productChanges: turn.productChanges,
    messages: [{ role: "user", content: message }, { role: "assistant", content: turn.reply }],
    state: turn.state,
    completed: turn.completed,
  });
  const snapshot = applyTurn(session.snapshot, turn);
  return {
    reply: turn.reply,
    completed: turn.completed,
    progress: computeProgress(snapshot),
    snapshot,
  };
}
