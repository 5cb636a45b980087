-- Completion webhooks (contract §10): an outbox of events, written in the same transaction as
-- the completion they announce, and a record of every delivery attempt.
--
-- A user's transaction may only add an event for its own session (and cannot read events
-- back); the deliverer (shared/webhooks) runs as `service_role`, which row-level security does
-- not bind; admins read events and attempts and make an event due again (`POST
-- /admin/webhooks/{id}/retry`) through policies on the role claim.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

-- The API connects as the migrating role and switches to `service_role` to deliver (on Supabase
-- the connecting role is a member already).
do $$
begin
  if not pg_has_role(current_user, 'service_role', 'member') then
    execute format('grant service_role to %I', current_user);
  end if;
end
$$;

create table if not exists onboarding.webhook_events (
  -- The `webhook-id` of every attempt: receivers deduplicate by it.
  id text primary key check (id ~ '^msg_[0-9a-f]{32}$'),
  -- Keyset order for the admins' list: ids are random.
  seq bigint generated always as identity unique,
  event_type text not null check (event_type in ('onboarding.completed')),
  external_user_id text not null,
  session_id integer not null,
  -- What the body is made of, fixed when the event is written, so that every attempt sends the
  -- same body. `json`, not `jsonb`: the export's keys keep the contract's order.
  username text not null,
  completed_at timestamptz not null,
  export json not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  -- Attempts since the event was written or last retried by an admin.
  attempts integer not null default 0 check (attempts >= 0),
  -- When a pending event is due; while an attempt runs, the end of its lease.
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text check (char_length(last_error) <= 500),
  foreign key (session_id, external_user_id)
    references onboarding.chat_sessions (id, external_user_id) on delete cascade
);
create index if not exists webhook_events_due
  on onboarding.webhook_events (next_attempt_at) where status = 'pending';
create index if not exists webhook_events_newest on onboarding.webhook_events (status, seq desc);

create table if not exists onboarding.webhook_attempts (
  id bigint generated always as identity primary key,
  event_id text not null references onboarding.webhook_events (id) on delete cascade,
  attempt integer not null check (attempt >= 1),
  at timestamptz not null default now(),
  -- The receiver's status; null when none came (refused, timed out).
  status_code integer,
  error text check (char_length(error) <= 500),
  duration_ms integer not null check (duration_ms >= 0)
);
create index if not exists webhook_attempts_event on onboarding.webhook_attempts (event_id, id);

alter table onboarding.webhook_events enable row level security;
alter table onboarding.webhook_events force row level security;
alter table onboarding.webhook_attempts enable row level security;
alter table onboarding.webhook_attempts force row level security;
revoke all on onboarding.webhook_events, onboarding.webhook_attempts
  from public, anon, authenticated;
grant all on onboarding.webhook_events, onboarding.webhook_attempts to service_role;
grant usage on all sequences in schema onboarding to service_role;
grant insert (id, event_type, external_user_id, session_id, username, completed_at, export)
  on onboarding.webhook_events to authenticated;
grant select on onboarding.webhook_events, onboarding.webhook_attempts to authenticated;
grant update (status, attempts, next_attempt_at) on onboarding.webhook_events to authenticated;

-- A user's completion adds its event: only for the caller's own rows (the foreign key makes
-- the session the caller's too).
drop policy if exists own_events on onboarding.webhook_events;
create policy own_events on onboarding.webhook_events for insert to authenticated
  with check (external_user_id = (select onboarding.current_external_user_id()));

drop policy if exists admin_reads on onboarding.webhook_events;
create policy admin_reads on onboarding.webhook_events for select to authenticated
  using ((select onboarding.current_user_role()) = 'admin');
drop policy if exists admin_reads on onboarding.webhook_attempts;
create policy admin_reads on onboarding.webhook_attempts for select to authenticated
  using ((select onboarding.current_user_role()) = 'admin');

-- An admin's retry makes an event pending and due again; nothing else.
drop policy if exists admin_retries on onboarding.webhook_events;
create policy admin_retries on onboarding.webhook_events for update to authenticated
  using ((select onboarding.current_user_role()) = 'admin')
  with check ((select onboarding.current_user_role()) = 'admin' and status = 'pending');
