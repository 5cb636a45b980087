-- The admin function's reads (contract §9): a caller whose token gives it the admin role may
-- read every row of the onboarding tables; writes stay each user's own. The user routes'
-- queries name their owner themselves (shared/db), so these policies widen only what the admin
-- function asks for.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

do $$
declare
  t text;
begin
  foreach t in array array['users', 'chat_sessions', 'chat_messages', 'company_onboarding',
                           'products', 'uploads']
  loop
    execute format('drop policy if exists admin_reads on onboarding.%I', t);
    execute format(
      'create policy admin_reads on onboarding.%I for select to authenticated '
      'using ((select onboarding.current_user_role()) = ''admin'')', t);
  end loop;
end
$$;
