-- Indexes for the admin function's reports (contract §9): the export of each user's latest
-- completion, and the metrics (sessions in a time window, the last thing an idle session was
-- asked, from the activity log).
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

create index if not exists chat_sessions_latest_completion
  on onboarding.chat_sessions (external_user_id, completed_at desc, id desc)
  where status = 'completed';
create index if not exists chat_sessions_created on onboarding.chat_sessions (created_at);
create index if not exists activity_log_session_newest
  on onboarding.activity_log (session_id, id desc) where session_id is not null;
create index if not exists activity_log_at on onboarding.activity_log (at);
create index if not exists uploads_created on onboarding.uploads (created_at);
