/**
 * Chat sessions and their messages. Every query runs inside `asUser`, so row-level security
 * limits it to the caller's rows; the explicit owner filters let the planner use the indexes.
 */
import type { Tx } from "./client.ts";

/** A session as `GET /sessions` lists it (contract §5.4). */
export interface SessionRow {
  id: number;
  user_id: number;
  status: "active" | "completed";
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

/** A stored chat message (contract §5.6). */
export interface MessageRow {
  id: number;
  session_id: number;
  role: "user" | "assistant";
  content: string;
  created_at: Date;
}

/** A message to store: who said it and what. */
export interface NewMessage {
  role: "user" | "assistant";
  content: string;
}

/** Creates an active session for the user with the given conversation `state`; returns its id. */
export async function insertSession(
  tx: Tx,
  user: { id: number; external_user_id: string },
  state: unknown,
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into onboarding.chat_sessions (user_id, external_user_id, state)
    values (${user.id}, ${user.external_user_id}, ${tx.json(state as never)})
    returning id`;
  return row.id;
}

/** The caller's sessions, newest first, one page. */
export async function listSessions(
  tx: Tx,
  owner: string,
  page: { limit: number; offset: number },
): Promise<SessionRow[]> {
  return await tx<SessionRow[]>`
    select id, user_id, status, created_at, updated_at, completed_at
    from onboarding.chat_sessions
    where external_user_id = ${owner}
    order by created_at desc, id desc
    limit ${page.limit} offset ${page.offset}`;
}

/** The caller's newest active session, or undefined. */
export async function latestActiveSession(
  tx: Tx,
  owner: string,
): Promise<Pick<SessionRow, "id" | "status" | "created_at"> | undefined> {
  const [row] = await tx<Pick<SessionRow, "id" | "status" | "created_at">[]>`
    select id, status, created_at from onboarding.chat_sessions
    where external_user_id = ${owner} and status = 'active'
    order by created_at desc, id desc
    limit 1`;
  return row;
}

/** Whether `owner` has the session. */
export async function sessionExists(tx: Tx, owner: string, sessionId: number): Promise<boolean> {
  const rows = await tx`select 1 from onboarding.chat_sessions
    where id = ${sessionId} and external_user_id = ${owner}`;
  return rows.length > 0;
}

/** The messages of `owner`'s session in conversation order. */
export async function listMessages(
  tx: Tx,
  owner: string,
  sessionId: number,
): Promise<MessageRow[]> {
  return await tx<MessageRow[]>`
    select id, session_id, role, content, created_at from onboarding.chat_messages
    where session_id = ${sessionId} and external_user_id = ${owner}
    order by id`;
}

/** The last `limit` messages of `owner`'s session, oldest first (none when `limit` is 0). */
export async function recentMessages(
  tx: Tx,
  owner: string,
  sessionId: number,
  limit: number,
): Promise<NewMessage[]> {
  if (limit <= 0) return [];
  const rows = await tx<NewMessage[]>`
    select role, content from onboarding.chat_messages
    where session_id = ${sessionId} and external_user_id = ${owner}
    order by id desc
    limit ${limit}`;
  return rows.reverse();
}

/** Stores `messages` on the session in the given order, in one statement. */
export async function insertMessages(
  tx: Tx,
  session: { id: number; owner: string },
  messages: NewMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({
    session_id: session.id,
    external_user_id: session.owner,
    role: m.role,
    content: m.content,
  }));
  await tx`insert into onboarding.chat_messages ${
    tx(rows, "session_id", "external_user_id", "role", "content")
  }`;
}
