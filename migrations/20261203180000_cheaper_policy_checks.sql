-- What every statement's row-level security checks cost (issue 11). Measured with
-- pg_stat_statements over the message benchmark, PostgreSQL spent more on the checks around a
-- message than on the message itself: each statement's policies called the claim readers
-- below about 15 times per message, and PostgreSQL planned each call afresh (a `set
-- search_path` clause keeps a SQL function from being inlined), and record_activity, a SQL
-- function, planned its insert on every call.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

-- The claim readers, inlinable: without a `set` clause PostgreSQL folds the body into the
-- policy that calls it, and `(select …)` in the policies evaluates it once per statement. The
-- body names every function, type and operator it uses by schema, so it means the same under
-- any search path (`nullif` compares with the text `=`, which pg_catalog, searched first,
-- provides). Supabase's own `auth.uid()` is written the same way; Supabase's linter lists such
-- functions as "search path mutable", a warning this body does not need.
create or replace function onboarding.current_external_user_id() returns text
  language sql stable
as $$
  select nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::pg_catalog.jsonb
    operator(pg_catalog.->>) 'external_user_id'
$$;

create or replace function onboarding.current_user_role() returns text
  language sql stable
as $$
  select case
    when nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::pg_catalog.jsonb
      operator(pg_catalog.->>) 'user_role' operator(pg_catalog.=) 'admin'
    then 'admin' else 'user' end
$$;

-- record_activity in PL/pgSQL, which keeps the plan of its insert for the connection's life
-- (a SQL function with `security definer` is planned on every call). Same signature, grants
-- and behaviour: the caller and request id from the transaction's settings, nothing recorded
-- without a caller.
create or replace function onboarding.record_activity(
  action text,
  session_id integer,
  detail jsonb default '{}'::jsonb
) returns void
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  caller text := onboarding.current_external_user_id();
begin
  if caller is null then
    return;
  end if;
  insert into onboarding.activity_log
    (external_user_id, actor, action, session_id, request_id, detail)
  values (caller, caller, record_activity.action, record_activity.session_id,
          nullif(current_setting('onboarding.request_id', true), ''),
          coalesce(record_activity.detail, '{}'::jsonb));
end
$$;
revoke all on function onboarding.record_activity(text, integer, jsonb) from public;
grant execute on function onboarding.record_activity(text, integer, jsonb)
  to authenticated, service_role;
