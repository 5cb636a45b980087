-- The admin function's read of the activity log (contract §9): a caller whose token gives it
-- the admin role sees every row; anybody else sees none. Still no writes for anybody but
-- onboarding.record_activity() (20261203110000_activity_log.sql).
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

grant select on onboarding.activity_log to authenticated;
drop policy if exists admin_reads on onboarding.activity_log;
create policy admin_reads on onboarding.activity_log for select to authenticated
  using ((select onboarding.current_user_role()) = 'admin');
