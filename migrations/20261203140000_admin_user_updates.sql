-- Admins deactivate and reactivate users (`PATCH /admin/users/{id}`, contract §9), through a
-- row-level-security policy on the role claim like their reads. A user still cannot change
-- whether they are active, nor anybody's row but their own; an admin cannot change another
-- user's name or role (those come only from that user's own token). The admin's change is
-- recorded in the activity log by onboarding.record_admin_activity(), in the same transaction.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

grant update (is_active) on onboarding.users to authenticated;

drop policy if exists admin_updates on onboarding.users;
create policy admin_updates on onboarding.users for update to authenticated
  using ((select onboarding.current_user_role()) = 'admin')
  with check ((select onboarding.current_user_role()) = 'admin');

-- The caller's own row keeps the role its token gives; another user's row (which only an admin
-- reaches) keeps its own, which the trigger below holds.
drop policy if exists role_stays_the_tokens on onboarding.users;
create policy role_stays_the_tokens on onboarding.users as restrictive
  for update to authenticated
  using (true)
  with check (external_user_id is distinct from (select onboarding.current_external_user_id())
              or role = (select onboarding.current_user_role()));

-- What a policy cannot see: the row as it was. For the `authenticated` role (the API's
-- callers): only an admin changes `is_active`, and a name or a role changes only on the
-- caller's own row.
create or replace function onboarding.guard_user_update() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.is_active is distinct from old.is_active
     and onboarding.current_user_role() <> 'admin' then
    raise exception 'only an admin changes whether a user is active'
      using errcode = 'insufficient_privilege';
  end if;
  if (new.username is distinct from old.username or new.role is distinct from old.role)
     and old.external_user_id is distinct from onboarding.current_external_user_id() then
    raise exception 'a user''s name and role come only from their own token'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
drop trigger if exists users_guard_update on onboarding.users;
create trigger users_guard_update before update on onboarding.users
  for each row execute function onboarding.guard_user_update();

-- Records an admin's action on the user `subject`: the caller is the actor. Refused (nothing
-- recorded) unless the caller is an admin and the action an admin's.
create or replace function onboarding.record_admin_activity(
  subject text,
  action text,
  detail jsonb default '{}'::jsonb
) returns void
  language sql
  security definer
  set search_path = ''
as $$
  insert into onboarding.activity_log
    (external_user_id, actor, action, session_id, request_id, detail)
  select record_admin_activity.subject, caller, record_admin_activity.action, null,
         nullif(current_setting('onboarding.request_id', true), ''),
         coalesce(record_admin_activity.detail, '{}'::jsonb)
  from (select onboarding.current_external_user_id() as caller) as c
  where caller is not null
    and onboarding.current_user_role() = 'admin'
    and record_admin_activity.action like 'admin.%'
$$;
revoke all on function onboarding.record_admin_activity(text, text, jsonb) from public;
grant execute on function onboarding.record_admin_activity(text, text, jsonb)
  to authenticated, service_role;
