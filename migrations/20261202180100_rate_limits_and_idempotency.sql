-- Contract §11: per-user rate limits and Idempotency-Key replay, both kept in the database so
-- that they hold across isolates, and both read and written inside the request's own
-- transaction (no extra round trip).

-- One row per counted request: a sliding-window log. `withUser` inserts the request's row,
-- deletes the caller's rows older than the longest window (an hour) and counts the rest in one
-- statement; a request over a limit is rolled back, row included. Grows with traffic: `bigint`.
-- No foreign key to `users`: checking it would lock the user's row on every request (a third of
-- the statement's cost, measured with pgbench). A row is pruned at its owner's first request
-- after an hour; a removed user leaves at most an hour of rows, harmless.
create table if not exists onboarding.request_events (
  id bigint generated always as identity primary key,
  external_user_id text not null,
  kind text not null check (kind in ('request', 'message', 'upload')),
  created_at timestamptz not null default now()
);
create index if not exists request_events_owner_idx
  on onboarding.request_events (external_user_id, created_at);

-- The first successful response to a request sent with an Idempotency-Key, replayed for 24 hours
-- to a repeat with the same key and request (`fingerprint`, a SHA-256 of the request). Stored in
-- the transaction that did the work, so a key is recorded exactly when its work is.
create table if not exists onboarding.idempotency_keys (
  external_user_id text not null
    references onboarding.users (external_user_id) on delete cascade,
  key text not null check (char_length(key) between 1 and 255),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  status smallint not null check (status between 200 and 299),
  body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (external_user_id, key)
);

grant select, insert, delete on onboarding.request_events, onboarding.idempotency_keys
  to authenticated;
grant all on onboarding.request_events, onboarding.idempotency_keys to service_role;
grant usage on all sequences in schema onboarding to authenticated, service_role;

-- Row-level security as on every table of the schema: a user sees and writes only their own.
alter table onboarding.request_events enable row level security;
alter table onboarding.request_events force row level security;
drop policy if exists own_rows on onboarding.request_events;
create policy own_rows on onboarding.request_events for all to authenticated
  using (external_user_id = (select onboarding.current_external_user_id()))
  with check (external_user_id = (select onboarding.current_external_user_id()));

alter table onboarding.idempotency_keys enable row level security;
alter table onboarding.idempotency_keys force row level security;
drop policy if exists own_rows on onboarding.idempotency_keys;
create policy own_rows on onboarding.idempotency_keys for all to authenticated
  using (external_user_id = (select onboarding.current_external_user_id()))
  with check (external_user_id = (select onboarding.current_external_user_id()));
