-- A turn's update of the onboarding row stays on its heap page (issue 11). The owner index
-- held `updated_at`, which every turn that collects data changes, so PostgreSQL could never
-- update the row in place (a HOT update): each such turn wrote a new entry into all five of the
-- table's indexes, and left as many dead ones for vacuum. The only reader of that order,
-- `findCopySource`, reads one user's few rows, which the owner column alone finds.
-- The two tables a turn updates also keep a tenth of each page free, so a new row version
-- fits beside the old one (existing pages take the setting as they are rewritten).
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

drop index if exists onboarding.company_onboarding_owner_idx;
create index if not exists company_onboarding_owner
  on onboarding.company_onboarding (external_user_id);

alter table onboarding.company_onboarding set (fillfactor = 90);
alter table onboarding.chat_sessions set (fillfactor = 90);
