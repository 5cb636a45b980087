-- Roles (contract §9): a caller's role is the verified token's `role` claim, which the API puts
-- in `request.jwt.claims` as `user_role`; `users.role` mirrors it, synced on every request like
-- the username. A caller may record only the role its own token gives it: the column is
-- writable, and a restrictive policy holds it to the claim.
-- Admin access (the `admin` function's policies) is not granted here.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

-- The caller's role, from the claims the API sets for the transaction: 'admin' or 'user'.
create or replace function onboarding.current_user_role() returns text
  language sql stable
  set search_path = ''
as $$
  select case
    when nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'user_role' = 'admin'
    then 'admin' else 'user' end
$$;
grant execute on function onboarding.current_user_role() to authenticated, service_role;

grant insert (role), update (role) on onboarding.users to authenticated;

drop policy if exists role_is_the_tokens on onboarding.users;
create policy role_is_the_tokens on onboarding.users as restrictive
  for insert to authenticated
  with check (role = (select onboarding.current_user_role()));

drop policy if exists role_stays_the_tokens on onboarding.users;
create policy role_stays_the_tokens on onboarding.users as restrictive
  for update to authenticated
  using (true)
  with check (role = (select onboarding.current_user_role()));
