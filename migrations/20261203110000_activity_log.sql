-- The activity log (contract §9): an append-only record of what was done, written in the same
-- transaction as the action it records, with the request's id. Users can neither read nor
-- write it: the API records through onboarding.record_activity(), which runs as the table's
-- owner and takes the actor and the request id from the transaction's settings (set by the API
-- with the claims, so recording costs no round trip of its own). Admins will read it through
-- the admin function (`GET /admin/activity`).
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

create table if not exists onboarding.activity_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  -- Whose data the action concerns, and who acted (the same user, but for admins' actions).
  external_user_id text not null,
  actor text not null,
  action text not null check (action in ('session.created', 'message', 'upload',
    'session.completed', 'export', 'admin.user_updated', 'webhook.failed')),
  session_id integer,
  request_id text check (char_length(request_id) <= 128),
  detail jsonb not null default '{}'::jsonb
);
create index if not exists activity_log_user_newest
  on onboarding.activity_log (external_user_id, id desc);

-- No privileges for users, whatever the policies say. Row-level security is forced, as on every
-- table here, even for the owner that record_activity runs as: the one policy lets rows in, and
-- with none for update or delete, nobody bound by it can change a row.
alter table onboarding.activity_log enable row level security;
alter table onboarding.activity_log force row level security;
revoke all on onboarding.activity_log from public, anon, authenticated;
grant all on onboarding.activity_log to service_role;
drop policy if exists append on onboarding.activity_log;
create policy append on onboarding.activity_log for insert with check (true);

-- Append-only for roles that row-level security does not bind (a superuser, `service_role`):
-- a row, once written, stays as it was.
create or replace function onboarding.refuse_activity_change() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  raise exception 'the activity log is append-only';
end
$$;
drop trigger if exists activity_log_append_only on onboarding.activity_log;
create trigger activity_log_append_only before update or delete on onboarding.activity_log
  for each row execute function onboarding.refuse_activity_change();

-- Records one action of the transaction's caller. The actor and the request id come from the
-- settings the API made for the transaction; a transaction without a caller records nothing.
create or replace function onboarding.record_activity(
  action text,
  session_id integer,
  detail jsonb default '{}'::jsonb
) returns void
  language sql
  security definer
  set search_path = ''
as $$
  insert into onboarding.activity_log
    (external_user_id, actor, action, session_id, request_id, detail)
  select caller, caller, record_activity.action, record_activity.session_id,
         nullif(current_setting('onboarding.request_id', true), ''),
         coalesce(record_activity.detail, '{}'::jsonb)
  from (select onboarding.current_external_user_id() as caller) as c
  where caller is not null
$$;
revoke all on function onboarding.record_activity(text, integer, jsonb) from public;
grant execute on function onboarding.record_activity(text, integer, jsonb)
  to authenticated, service_role;
