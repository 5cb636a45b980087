/**
 * The collected company profile and products of each session.
 */
import type {
  CompanyProfile,
  OnboardingSnapshot,
  ProductChange,
  ProductFields,
  StoredProduct,
} from "../onboarding/types.ts";
import type { Tx } from "./client.ts";
import { settlePipelined } from "./pipeline.ts";
import type { NewMessage } from "./sessions.ts";

/** The profile columns, in table order. */
const PROFILE_COLUMNS = [
  "industry",
  "capital_amount",
  "invention_patent_count",
  "utility_patent_count",
  "certification_count",
  "certifications",
  "esg_certification",
  "esg_certifications",
] as const satisfies readonly (keyof CompanyProfile)[];

/** A session locked for a turn, with everything collected so far. */
export interface LockedSession {
  id: number;
  status: "active" | "completed";
  state: unknown;
  /** How many turns the session has taken; `saveTurn` adds one. */
  version: number;
  owner: string;
  onboardingId: number;
  snapshot: OnboardingSnapshot;
}

/** The select list of a snapshot over `company_onboarding o`: profile plus products as JSON. */
const SNAPSHOT_SELECT = `o.id as onboarding_id, ${PROFILE_COLUMNS.map((c) => `o.${c}`).join(", ")},
  coalesce((select json_agg(json_build_object(
              'id', p.id, 'product_id', p.product_id, 'product_name', p.product_name,
              'price', p.price, 'main_raw_materials', p.main_raw_materials,
              'product_standard', p.product_standard,
              'technical_advantages', p.technical_advantages) order by p.id)
            from onboarding.products p where p.onboarding_id = o.id), '[]') as products`;

type SnapshotRow = CompanyProfile & { onboarding_id: number; products: StoredProduct[] };

function toSnapshot(row: SnapshotRow): OnboardingSnapshot {
  const profile = Object.fromEntries(
    PROFILE_COLUMNS.map((c) => [c, row[c]]),
  ) as unknown as CompanyProfile;
  return { profile, products: row.products };
}

/**
 * Locks `owner`'s session row (`for update`, so concurrent turns on one session run one after
 * the other) and loads its state and data in one query. Undefined when `owner` has no such
 * session.
 */
export async function lockSessionForTurn(
  tx: Tx,
  owner: string,
  sessionId: number,
): Promise<LockedSession | undefined> {
  const [row] = await tx<
    (SnapshotRow & {
      id: number;
      status: "active" | "completed";
      state: unknown;
      version: number;
      owner: string;
    })[]
  >`
    select s.id, s.status, s.state, s.version, s.external_user_id as owner,
           ${tx.unsafe(SNAPSHOT_SELECT)}
    from onboarding.chat_sessions s
    join onboarding.company_onboarding o on o.chat_session_id = s.id
    where s.id = ${sessionId} and s.external_user_id = ${owner}
    for update of s`;
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    state: row.state,
    version: row.version,
    owner: row.owner,
    onboardingId: row.onboarding_id,
    snapshot: toSnapshot(row),
  };
}

/** The collected data of `owner`'s session, or undefined when `owner` has no such session. */
export async function loadSnapshot(
  tx: Tx,
  owner: string,
  sessionId: number,
): Promise<OnboardingSnapshot | undefined> {
  const [row] = await tx<SnapshotRow[]>`
    select ${tx.unsafe(SNAPSHOT_SELECT)} from onboarding.company_onboarding o
    where o.chat_session_id = ${sessionId} and o.external_user_id = ${owner}`;
  return row ? toSnapshot(row) : undefined;
}

/** The data of every completed session of the caller, newest first, in one query. */
export async function completedSnapshots(tx: Tx, owner: string): Promise<OnboardingSnapshot[]> {
  const rows = await tx<SnapshotRow[]>`
    select ${tx.unsafe(SNAPSHOT_SELECT)} from onboarding.company_onboarding o
    join onboarding.chat_sessions s on s.id = o.chat_session_id
    where s.external_user_id = ${owner} and s.status = 'completed'
    order by s.completed_at desc, s.id desc`;
  return rows.map(toSnapshot);
}

/** A user's latest completed session with its data, as `GET /admin/export` lists it. */
export interface LatestCompletion {
  external_user_id: string;
  username: string;
  session_id: number;
  completed_at: Date;
  snapshot: OnboardingSnapshot;
}

/** A position in {@link latestCompletions}' order: a completion time (µs) and a session id. */
export interface CompletionCursor {
  micros: string;
  sessionId: number;
}

/**
 * Each user's latest completed session with its data, oldest completion first (ties by session
 * id), completed at or after `since` and after `after`, one page of `limit` in one query; with
 * the cursor of the last one when more follow. For an admin's transaction.
 */
export async function latestCompletions(
  tx: Tx,
  page: { since?: Date; after?: CompletionCursor; limit: number },
): Promise<{ items: LatestCompletion[]; next: CompletionCursor | null }> {
  const since = page.since ?? null;
  const micros = page.after?.micros ?? null;
  const afterId = page.after?.sessionId ?? null;
  const rows = await tx<(SnapshotRow & Omit<LatestCompletion, "snapshot"> & { micros: string })[]>`
    select l.session_id, l.external_user_id, u.username, l.completed_at,
           ((extract(epoch from l.completed_at) * 1000000)::bigint)::text as micros,
           ${tx.unsafe(SNAPSHOT_SELECT)}
    from (select distinct on (s.external_user_id) s.id as session_id, s.external_user_id,
                 s.completed_at
          from onboarding.chat_sessions s
          where s.status = 'completed'
          order by s.external_user_id, s.completed_at desc, s.id desc) l
    join onboarding.users u on u.external_user_id = l.external_user_id
    join onboarding.company_onboarding o on o.chat_session_id = l.session_id
    where (${since}::timestamptz is null or l.completed_at >= ${since}::timestamptz)
      and (${micros}::bigint is null
           or (l.completed_at, l.session_id) >
              (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond',
               ${afterId}::integer))
    order by l.completed_at, l.session_id
    limit ${page.limit + 1}`;
  const items = rows.slice(0, page.limit);
  const last = rows.length > page.limit ? items[items.length - 1] : undefined;
  return {
    items: items.map((row) => ({
      external_user_id: row.external_user_id,
      username: row.username,
      session_id: row.session_id,
      completed_at: row.completed_at,
      snapshot: toSnapshot(row),
    })),
    next: last ? { micros: last.micros, sessionId: last.session_id } : null,
  };
}

/** The snapshot a new session should start from (contract §5.2): the most recently completed
 * session's data, else the most recently updated session that has any data. Also the session id.
 */
export async function findCopySource(
  tx: Tx,
  owner: string,
): Promise<{ sessionId: number; snapshot: OnboardingSnapshot } | undefined> {
  const [row] = await tx<(SnapshotRow & { session_id: number })[]>`
    select o.chat_session_id as session_id, ${tx.unsafe(SNAPSHOT_SELECT)}
    from onboarding.company_onboarding o
    join onboarding.chat_sessions s on s.id = o.chat_session_id
    where o.external_user_id = ${owner}
      and (s.status = 'completed'
           or num_nonnulls(o.industry, o.capital_amount, o.invention_patent_count,
                           o.utility_patent_count, o.certification_count,
                           o.esg_certification) > 0
           or exists (select 1 from onboarding.products p where p.onboarding_id = o.id))
    order by s.status = 'completed' desc, s.completed_at desc nulls last,
             o.updated_at desc, o.id desc
    limit 1`;
  return row ? { sessionId: row.session_id, snapshot: toSnapshot(row) } : undefined;
}

/**
 * Creates the onboarding row of a new session holding `snapshot`'s profile, and copies its
 * products, in two statements whatever the number of products. Returns the onboarding id.
 */
export async function insertOnboarding(
  tx: Tx,
  session: { id: number; userId: number; owner: string },
  snapshot: OnboardingSnapshot,
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into onboarding.company_onboarding ${
    tx(
      {
        chat_session_id: session.id,
        user_id: session.userId,
        external_user_id: session.owner,
        ...profileValues(tx, snapshot.profile),
      },
    )
  }
    returning id`;
  if (snapshot.products.length > 0) {
    const products = snapshot.products.map(({ id: _id, ...fields }) => ({
      onboarding_id: row.id,
      external_user_id: session.owner,
      ...fields,
    }));
    await tx`insert into onboarding.products ${tx(products)}`;
  }
  return row.id;
}

/** Where a turn is written: the session, its onboarding row and their owner. */
export interface TurnTarget {
  sessionId: number;
  onboardingId: number;
  owner: string;
}

/** What a turn writes. */
export interface TurnWrite {
  profile: Partial<CompanyProfile>;
  productChanges: readonly ProductChange[];
  messages: NewMessage[];
  state: unknown;
  completed: boolean;
}

/**
 * Writes a turn: the changed profile fields, the messages and the session's new state (and
 * completion) and version in one statement, and each product change beside it; all are issued together so
 * postgres.js pipelines them into one round trip. Resolves when all are done.
 */
export async function saveTurn(tx: Tx, target: TurnTarget, turn: TurnWrite): Promise<void> {
  const profile = turn.profile as Partial<Record<string, string | number | boolean | string[]>>;
  const has = (column: (typeof PROFILE_COLUMNS)[number]) => profile[column] !== undefined;
  const value = (column: (typeof PROFILE_COLUMNS)[number]) => profile[column] ?? null;
  const touchesData = PROFILE_COLUMNS.some(has) || turn.productChanges.length > 0;
  // One fixed-shape statement (a CASE per column) rather than a dynamic SET list: postgres.js
  // cannot render its column helpers inside a CTE, and a fixed shape reuses one prepared plan.
  await settlePipelined([
    tx`
      with profile as (
        update onboarding.company_onboarding set
          industry = case when ${has("industry")} then ${value("industry")} else industry end,
          capital_amount = case when ${has("capital_amount")}
            then ${value("capital_amount")}::bigint else capital_amount end,
          invention_patent_count = case when ${has("invention_patent_count")}
            then ${value("invention_patent_count")}::integer else invention_patent_count end,
          utility_patent_count = case when ${has("utility_patent_count")}
            then ${value("utility_patent_count")}::integer else utility_patent_count end,
          certification_count = case when ${has("certification_count")}
            then ${value("certification_count")}::integer else certification_count end,
          certifications = case when ${has("certifications")}
            then ${value("certifications")}::text[] else certifications end,
          esg_certification = case when ${has("esg_certification")}
            then ${value("esg_certification")}::boolean else esg_certification end,
          esg_certifications = case when ${has("esg_certifications")}
            then ${value("esg_certifications")}::text[] else esg_certifications end,
          updated_at = case when ${touchesData} then now() else updated_at end
        where id = ${target.onboardingId} and ${touchesData}
        returning 1),
      messages as (
        insert into onboarding.chat_messages (session_id, external_user_id, role, content)
        select ${target.sessionId}, ${target.owner}, m.role, m.content
        from unnest(${tx.array(turn.messages.map((m) => m.role), 25)}::text[],
                    ${tx.array(turn.messages.map((m) => m.content), 25)}::text[])
             with ordinality as m(role, content, position)
        order by m.position
        returning 1)
      update onboarding.chat_sessions
      set state = ${tx.json(turn.state as never)},
          version = version + 1,
          updated_at = now(),
          status = case when ${turn.completed} then 'completed' else status end,
          completed_at = case when ${turn.completed} then now() else completed_at end
      where id = ${target.sessionId}`,
    ...turn.productChanges.map((change) =>
      productWrite(tx, { id: target.onboardingId, owner: target.owner }, change)
    ),
  ]);
}

// One fixed-shape statement per kind of change (a CASE per column for an update, every column
// for an insert), whatever the fields changed: postgres.js describes a statement it has not
// prepared on the connection in a round trip of its own and pipelines nothing behind it, so a
// column list that varied with the change would cost that round trip for each new list.
function productWrite(
  tx: Tx,
  onboarding: { id: number; owner: string },
  change: ProductChange,
): Promise<unknown> {
  switch (change.kind) {
    case "insert": {
      const f = change.fields;
      return tx`
        insert into onboarding.products (onboarding_id, external_user_id, product_id,
          product_name, price, main_raw_materials, product_standard, technical_advantages)
        values (${onboarding.id}, ${onboarding.owner}, ${f.product_id}::text,
          ${f.product_name}::text, ${f.price}::text, ${f.main_raw_materials}::text,
          ${f.product_standard}::text, ${f.technical_advantages}::text)`;
    }
    case "update": {
      const fields = change.fields as Partial<Record<string, string | null>>;
      const has = (column: keyof ProductFields) => fields[column] !== undefined;
      const value = (column: keyof ProductFields) => fields[column] ?? null;
      return tx`
        update onboarding.products set
          product_id = case when ${has("product_id")}
            then ${value("product_id")}::text else product_id end,
          product_name = case when ${has("product_name")}
            then ${value("product_name")}::text else product_name end,
          price = case when ${has("price")} then ${value("price")}::text else price end,
          main_raw_materials = case when ${has("main_raw_materials")}
            then ${value("main_raw_materials")}::text else main_raw_materials end,
          product_standard = case when ${has("product_standard")}
            then ${value("product_standard")}::text else product_standard end,
          technical_advantages = case when ${has("technical_advantages")}
            then ${value("technical_advantages")}::text else technical_advantages end,
          updated_at = now()
        where id = ${change.id} and onboarding_id = ${onboarding.id}`;
    }
    case "delete":
      return tx`delete from onboarding.products
                where id = ${change.id} and onboarding_id = ${onboarding.id}`;
  }
}

/** Profile fields as column values; text arrays are typed explicitly (an empty one has no type). */
function profileValues(tx: Tx, profile: Partial<CompanyProfile>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of PROFILE_COLUMNS) {
    if (!(column in profile)) continue;
    const value = profile[column];
    values[column] = Array.isArray(value) ? tx.array(value, 25) : value;
  }
  return values;
}

/** RFC 3339 UTC text of a timestamp column inside JSON (JSON would otherwise carry +00:00). */
const utc = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The onboarding record of contract §5.7 (`GET /data/{id}`) of `owner`'s session, or undefined. */
export async function sessionData(
  tx: Tx,
  owner: string,
  sessionId: number,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await tx`
    select o.id, o.chat_session_id, o.user_id, o.industry, o.capital_amount,
           o.invention_patent_count, o.utility_patent_count, o.certification_count,
           o.esg_certification, o.esg_certification_count, o.esg_certifications,
           o.created_at, o.updated_at,
           coalesce((select json_agg(json_build_object(
                       'id', p.id, 'onboarding_id', p.onboarding_id, 'product_id', p.product_id,
                       'product_name', p.product_name, 'price', p.price,
                       'main_raw_materials', p.main_raw_materials,
                       'product_standard', p.product_standard,
                       'technical_advantages', p.technical_advantages,
                       'created_at', ${tx.unsafe(utc("p.created_at"))}) order by p.id)
                     from onboarding.products p where p.onboarding_id = o.id), '[]') as products
    from onboarding.company_onboarding o
    where o.chat_session_id = ${sessionId} and o.external_user_id = ${owner}`;
  return row;
}
