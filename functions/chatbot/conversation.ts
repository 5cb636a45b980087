/**
 * The two things that change a conversation — starting a session and taking a turn — shared by
 * the message, sessions and upload routes.
 *
 * Every turn, whether a chat message read by an engine or an uploaded document, is stored the
 * same way: lock the session, check it is the caller's and active, save the messages, data
 * changes, state and version, compute the progress. A turn decided quickly is decided under the
 * lock ({@link runTurn}); a chat turn that waits for a model is decided with no transaction open
 * and stored only if the session did not change meanwhile ({@link takeTurn}).
 */
import type { Context } from "hono";
import type { Tx } from "../../shared/db/client.ts";
import {
  findCopySource,
  insertOnboarding,
  type LockedSession,
  lockSessionForTurn,
  saveTurn,
  type TurnTarget,
  type TurnWrite,
} from "../../shared/db/onboarding.ts";
import { type ActivityDetail, recordActivity } from "../../shared/db/activity.ts";
import { settlePipelined } from "../../shared/db/pipeline.ts";
import { type CompletionEvent, enqueueCompletion } from "../../shared/db/webhooks.ts";
import { insertMessages, insertSession, recentMessages } from "../../shared/db/sessions.ts";
import type { AppDeps, AppEnv } from "../../shared/http/app.ts";
import { ApiError, Detail, unavailable } from "../../shared/http/errors.ts";
import { type Caller, withUser } from "../../shared/http/with_user.ts";
import {
  applyTurn,
  askedItem,
  type ConversationEngine,
  type EngineInput,
  type EngineTurn,
  initialState,
  parseState,
  welcomeMessage,
} from "../../shared/onboarding/engine/mod.ts";
import { toExportRecord } from "../../shared/onboarding/export.ts";
import { computeProgress } from "../../shared/onboarding/progress.ts";
import { sendInBackground } from "../../shared/webhooks/send.ts";
import {
  emptyProfile,
  type OnboardingSnapshot,
  type Progress,
} from "../../shared/onboarding/types.ts";

/** A decided turn's writes, not yet sent: where they go and what they store. */
interface TurnPlan {
  target: TurnTarget;
  write: TurnWrite;
}

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
    recordActivity(tx, "session.created", sessionId, {
      copied: source !== undefined,
      asked: askedItem(snapshot, null, false),
    }),
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
 * caller can record why in the same transaction (the upload route does). Its step never
 * completes the session (a document's turn cannot): a completion's webhook event is written by
 * {@link takeTurn}.
 */
export async function runTurn<T extends EngineTurn>(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  run: TurnRun<T>,
): Promise<TurnRunResult<T>> {
  const decided = await decideTurn(tx, caller, sessionId, run);
  if (decided.kind === "inactive") return decided;
  await writeTurn(tx, decided.plan);
  return { kind: "taken", outcome: decided.outcome };
}

// A turn decided under the session's lock and not yet written: what it leads to, and the
// writes that store it (for withUser's `writes`, so they travel with the COMMIT).
type DecidedTurn<T extends EngineTurn> = Planned<T> | { kind: "inactive"; error: ApiError };

// A turn decided and its writes planned, not yet sent (see planTurn).
interface Planned<T extends EngineTurn = EngineTurn> {
  kind: "planned";
  outcome: TurnOutcome<T>;
  plan: TurnPlan;
}

// A transaction that planned no turn: the session was not open, or changed under a remote turn.
type NotPlanned = { kind: "inactive" | "changed" };

// What runTurn does short of writing: open the session, run the step, plan the writes.
async function decideTurn<T extends EngineTurn>(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  run: TurnRun<T>,
): Promise<DecidedTurn<T>> {
  const opened = await openTurn(tx, caller, sessionId, run.historyLength ?? 0);
  if (opened.kind === "inactive") return opened;
  run.onActive?.();
  const turn = await run.step(opened.source);
  return planTurn(opened.session, run.userMessage, turn);
}

/**
 * Locks the caller's session for a change (concurrent changes queue) and returns it. Throws
 * 404 for a missing or foreign session and 409 for a completed one.
 */
export async function lockActiveSession(
  tx: Tx,
  owner: string,
  sessionId: number,
): Promise<LockedSession> {
  const { session, error } = checkActive(await lockSessionForTurn(tx, owner, sessionId));
  if (error) throw error;
  return session;
}

/** Options of {@link takeTurn}. */
export interface TurnOptions {
  /**
   * The response body a stored turn answers with, stored with it when the request carries an
   * `Idempotency-Key` (see `withUser`).
   */
  respond?: (outcome: TurnOutcome) => unknown;
  /** See {@link TurnRun.onActive}. */
  onActive?: () => void;
  /** Passed to the engine as `EngineInput.onReplyDelta` (pieces of the reply, a preview). */
  onReplyDelta?: (text: string) => void;
  /**
   * Called when a remote engine's turn is decided again because the session changed while the
   * model answered: the pieces sent so far belong to a reply that will not be stored.
   */
  onRestart?: () => void;
}

/**
 * How long a remote engine's turn may keep being decided again (each time because another turn
 * was stored on the session while the model answered) before the request gives up with a 503;
 * well inside the 150 s an Edge Function may take to answer.
 */
export const REMOTE_TURN_BUDGET_MS = 60_000;

/**
 * Runs one chat turn of `engine` on the caller's active session, with the engine's
 * `historyLength` messages of history, and resolves once it is stored. Throws 404 for a missing
 * or foreign session and 409 for a completed one.
 *
 * A local engine decides the turn inside one transaction, under the session's lock
 * ({@link runTurn}). A remote engine (`engine.remote`: it waits seconds for a model) must not
 * hold a pooled connection or the lock meanwhile, so its turn is optimistic: read the session in
 * a short transaction, decide the turn with no transaction open, then store it in a second short
 * transaction only if the session's version is still the one read. If another turn was stored
 * in between, the turn is decided again on the new state (so messages sent at once on one
 * session are stored one after the other, each seeing the one before), until
 * {@link REMOTE_TURN_BUDGET_MS} has passed, then a 503 (nothing was stored; the client may
 * resend). No turn is lost or stored twice.
 */
export async function takeTurn(
  c: Context<AppEnv>,
  deps: AppDeps,
  sessionId: number,
  message: string,
  engine: ConversationEngine,
  options: TurnOptions = {},
): Promise<TurnOutcome> {
  // Either way the turn's writes are withUser's `writes`: they travel with the COMMIT, so a
  // local turn costs the round trips of the floor (one for the reads, one for writes + COMMIT);
  // the response stored under an Idempotency-Key is that of a planned turn. A completion's
  // webhook event is one of them (an outbox: nothing is sent for a turn that rolls back).
  let webhookId: string | undefined;
  const storing = {
    writes: (tx: Tx, result: Planned | NotPlanned) => {
      if (result.kind !== "planned") return undefined;
      const event = completionEvent(c, deps, result);
      webhookId = event?.id;
      return settlePipelined([
        recordActivity(tx, "message", result.plan.target.sessionId, messageDetail(result)),
        writeTurn(tx, result.plan),
        event && enqueueCompletion(tx, event),
      ]);
    },
    response: (result: Planned | NotPlanned) =>
      result.kind === "planned" && options.respond
        ? { status: 200, body: options.respond(result.outcome) }
        : undefined,
  };
  const step = (source: TurnSource) =>
    engine.turn({
      ...source,
      message,
      ...(options.onReplyDelta ? { onReplyDelta: options.onReplyDelta } : {}),
    });
  if (!engine.remote) {
    const decided = await withUser(
      c,
      deps,
      (tx, caller) =>
        decideTurn(tx, caller, sessionId, {
          userMessage: message,
          historyLength: engine.historyLength,
          onActive: options.onActive,
          step,
        }),
      storing,
    );
    if (decided.kind === "inactive") throw decided.error;
    if (webhookId) sendInBackground(deps, [webhookId], c.get("requestId"));
    return decided.outcome;
  }

  const open = (tx: Tx, caller: Caller) =>
    openTurn(tx, caller, sessionId, engine.historyLength).then(expectOpen);
  const started = performance.now();
  let read = await withUser(c, deps, open);
  options.onActive?.();
  while (true) {
    const turn = await step(read.source);
    const applied = await withUser(
      c,
      deps,
      async (tx, caller): Promise<{ kind: "changed"; current: OpenTurn } | Planned> => {
        const current = await open(tx, caller);
        if (current.session.version !== read.session.version) return { kind: "changed", current };
        return planTurn(current.session, message, turn);
      },
      storing,
    );
    if (applied.kind === "planned") {
      if (webhookId) sendInBackground(deps, [webhookId], c.get("requestId"));
      return applied.outcome;
    }
    if (performance.now() - started > REMOTE_TURN_BUDGET_MS) throw unavailable();
    options.onRestart?.();
    read = applied.current;
  }
}

// What the activity log records of a chat turn (never its text): whether it completed the
// session, what the user is asked next (the metrics' drop-off), and how a model did, if asked.
function messageDetail(result: Planned): ActivityDetail {
  const { turn, snapshot } = result.outcome;
  return {
    completed: turn.completed,
    ...(turn.completed
      ? {}
      : { asked: askedItem(snapshot, turn.state.draft, turn.state.confirm !== null) }),
    ...(turn.model ? { model: turn.model } : {}),
  };
}

// The webhook event of a turn that completes its session, when webhooks are configured.
function completionEvent(
  c: Context<AppEnv>,
  deps: AppDeps,
  result: Planned,
): CompletionEvent | undefined {
  if (!result.plan.write.completed || !deps.config.webhook) return undefined;
  return {
    id: `msg_${crypto.randomUUID().replaceAll("-", "")}`,
    owner: result.plan.target.owner,
    username: c.get("claims").username,
    sessionId: result.plan.target.sessionId,
    export: toExportRecord(result.outcome.snapshot),
  };
}

/** A session open for a turn: locked, the caller's and active, with the step's input. */
interface OpenTurn {
  session: LockedSession;
  source: TurnSource;
}

// Locks the session and reads what a step needs, together with the caller's user row (so an
// inactive caller never reaches the step), all in one round trip.
async function openTurn(
  tx: Tx,
  caller: Caller,
  sessionId: number,
  historyLength: number,
): Promise<{ kind: "open" } & OpenTurn | { kind: "inactive"; error: ApiError }> {
  const [locked, , history] = await Promise.all([
    lockSessionForTurn(tx, caller.owner, sessionId),
    caller.user,
    recentMessages(tx, caller.owner, sessionId, historyLength),
  ]);
  const { session, error } = checkActive(locked);
  if (error) return { kind: "inactive", error };
  return {
    kind: "open",
    session,
    source: { state: parseState(session.state), snapshot: session.snapshot, history },
  };
}

function expectOpen(opened: Awaited<ReturnType<typeof openTurn>>): OpenTurn {
  if (opened.kind === "inactive") throw opened.error;
  return opened;
}

// A decided turn on the open session: what it leads to, and the writes that store it (the
// user's message, the reply, the data changes, the new state and version). Nothing here waits
// for the writes: the progress follows from the data read under the lock and the turn.
function planTurn<T extends EngineTurn>(
  session: LockedSession,
  userMessage: string,
  turn: T,
): Planned<T> {
  const plan: TurnPlan = {
    target: { sessionId: session.id, onboardingId: session.onboardingId, owner: session.owner },
    write: {
      profile: turn.profile,
      productChanges: turn.productChanges,
      messages: [
        { role: "user", content: userMessage },
        { role: "assistant", content: turn.reply },
      ],
      state: turn.state,
      completed: turn.completed,
    },
  };
  const snapshot = applyTurn(session.snapshot, turn);
  return {
    kind: "planned",
    outcome: { turn, progress: computeProgress(snapshot), snapshot },
    plan,
  };
}

// Sends a planned turn's writes, and the activity log's record of a completion; resolves when
// all are done.
async function writeTurn(tx: Tx, plan: TurnPlan): Promise<void> {
  await settlePipelined([
    saveTurn(tx, plan.target, plan.write),
    plan.write.completed
      ? recordActivity(tx, "session.completed", plan.target.sessionId)
      : undefined,
  ]);
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
