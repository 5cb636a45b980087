/**
 * The two things that change a conversation — starting a session and taking a turn — shared by
 * the message, sessions and upload routes. Each runs inside the caller's transaction.
 *
 * Every turn, whether a chat message read by an engine or an uploaded document, goes through
 * {@link runTurn}: lock the session, check it is the caller's and active, run the step, save
 * the messages, data changes and state, compute the progress.
 */
import type { Tx } from "../../shared/db/client.ts";
import {
  findCopySource,
  insertOnboarding,
  type LockedSession,
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
  type EngineTurn,
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

/** The session as a turn step sees it: the engine input without the message. */
export type TurnSource = Pick<EngineInput, "state" | "snapshot" | "history">;

/** One turn for {@link runTurn}. */
export interface TurnRun<T extends EngineTurn> {
  /** The user's side of the turn, stored before the reply (the message, or an upload line). */
  userMessage: string;
  /** How many of the newest earlier messages `step` gets (default 0). */
  historyLength?: number;
  /**
   * Called once the session is locked and known to be the caller's and active (and the caller
   * active): from here on no 4xx can happen, so a route may start streaming.
   */
  onActive?: () => void;
  /** Decides the turn from the session as it is under the lock. */
  step: (source: TurnSource) => Promise<T>;
}

/** The outcome of one turn. */
export interface TurnOutcome<T extends EngineTurn = EngineTurn> {
  /** What the step decided (its reply, whether it completed the session…). */
  turn: T;
  /** The progress after the turn. */
  progress: Progress;
  /** The data after the turn. */
  snapshot: OnboardingSnapshot;
}

/**
 * What {@link runTurn} did: took the turn, or found the session unable to take one (`error`
 * is the 404 or 409 to answer with; nothing was written).
 */
export type TurnRunResult<T extends EngineTurn> =
  | { kind: "taken"; outcome: TurnOutcome<T> }
  | { kind: "inactive"; error: ApiError };

/**
 * Runs one turn on the caller's session: locks the session (concurrent turns queue), checks it
 * is the caller's and active, gives `run.step` its state, data and the last
 * `run.historyLength` messages, and stores the user's message, the reply, the data changes and
 * the new state. A missing, foreign or completed session is reported, not thrown, so that a
 * caller can record why in the same transaction (the upload route does).
 */
export async function runTurn<T extends EngineTurn>(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  run: TurnRun<T>,
): Promise<TurnRunResult<T>> {
  // Waiting for the user row too means an inactive caller never reaches the step.
  const [locked, , history] = await Promise.all([
    lockSessionForTurn(tx, sessionId),
    caller.user,
    recentMessages(tx, sessionId, run.historyLength ?? 0),
  ]);
  const { session, error } = checkActive(locked);
  if (error) return { kind: "inactive", error };
  run.onActive?.();

  const turn = await run.step({
    state: parseState(session.state),
    snapshot: session.snapshot,
    history,
  });
  await saveTurn(tx, {
    sessionId: session.id,
    onboardingId: session.onboardingId,
    owner: session.owner,
  }, {
    profile: turn.profile,
    productChanges: turn.productChanges,
    messages: [
      { role: "user", content: run.userMessage },
      { role: "assistant", content: turn.reply },
    ],
    state: turn.state,
    completed: turn.completed,
  });
  const snapshot = applyTurn(session.snapshot, turn);
  return { kind: "taken", outcome: { turn, progress: computeProgress(snapshot), snapshot } };
}

/**
 * Locks the caller's session for a change (concurrent changes queue) and returns it. Throws
 * 404 for a missing or foreign session and 409 for a completed one.
 */
export async function lockActiveSession(tx: Tx, sessionId: number): Promise<LockedSession> {
  const { session, error } = checkActive(await lockSessionForTurn(tx, sessionId));
  if (error) throw error;
  return session;
}

// The one check of a locked session: missing (or another user's, which RLS hides) is a 404,
// completed a 409.
function checkActive(
  session: LockedSession | undefined,
): { session: LockedSession; error?: never } | { session?: never; error: ApiError } {
  if (!session) return { error: new ApiError(404, Detail.sessionNotFound) };
  if (session.status === "completed") return { error: new ApiError(409, Detail.sessionCompleted) };
  return { session };
}

/** Optional hooks of {@link takeTurn}, for a streamed response. */
export interface TurnHooks {
  /** See {@link TurnRun.onActive}. */
  onActive?: () => void;
  /** Passed to the engine as `EngineInput.onReplyDelta` (pieces of the reply, a preview). */
  onReplyDelta?: (text: string) => void;
}

/**
 * Runs one chat turn of `engine` on the caller's active session through {@link runTurn}, with
 * the engine's `historyLength` messages of history. Throws 404 for a missing or foreign session
 * and 409 for a completed one.
 */
export async function takeTurn(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  message: string,
  engine: ConversationEngine,
  hooks: TurnHooks = {},
): Promise<TurnOutcome> {
  const result = await runTurn(tx, caller, sessionId, {
    userMessage: message,
    historyLength: engine.historyLength,
    onActive: hooks.onActive,
    step: (source) =>
      engine.turn({
        ...source,
        message,
        ...(hooks.onReplyDelta ? { onReplyDelta: hooks.onReplyDelta } : {}),
      }),
  });
  if (result.kind === "inactive") throw result.error;
  return result.outcome;
}
