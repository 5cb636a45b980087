-- The schedule that retries webhook deliveries (contract §10), where the database can run one:
-- with the `pg_cron` and `pg_net` extensions (both on Supabase), every minute, when events are
-- due, the database calls the chatbot function's `POST /chatbot/internal/deliver-webhooks`
-- with the `INTERNAL_SECRET` bearer token.
--
-- The function's address and the secret are read from Supabase Vault at each run, so this
-- migration holds neither; store them once per project (docs/deploy.md, "Webhooks"):
--   select vault.create_secret('https://<project-ref>.supabase.co', 'project_url');
--   select vault.create_secret('<INTERNAL_SECRET>', 'onboarding_internal_secret');
-- Until both exist the job does nothing.
--
-- Without the extensions (plain PostgreSQL, PGlite) this migration does nothing: the dev
-- server sends due events from a timer instead. Written to be harmless when applied twice.

do $do$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron')
     or not exists (select from pg_available_extensions where name = 'pg_net') then
    raise notice 'pg_cron or pg_net is not available: webhook retries are left to the server';
    return;
  end if;
  -- As Supabase's guides install them.
  create extension if not exists pg_cron with schema pg_catalog;
  if exists (select from pg_namespace where nspname = 'extensions') then
    create extension if not exists pg_net with schema extensions;
  else
    create extension if not exists pg_net;
  end if;

  -- Calls the deliverer when an event is due and the project's address and secret are stored.
  -- plpgsql resolves `vault` and `net` when it runs, so it is created without them.
  create or replace function onboarding.kick_webhook_delivery() returns void
    language plpgsql
    security definer
    set search_path = ''
  as $fn$
  declare
    base text;
    secret text;
  begin
    if not exists (select from onboarding.webhook_events
                   where status = 'pending' and next_attempt_at <= now()) then
      return;
    end if;
    select decrypted_secret into base from vault.decrypted_secrets where name = 'project_url';
    select decrypted_secret into secret from vault.decrypted_secrets
      where name = 'onboarding_internal_secret';
    if base is null or secret is null then
      raise warning 'webhook events are due, but project_url or onboarding_internal_secret '
        'is missing from the vault';
      return;
    end if;
    perform net.http_post(
      url := rtrim(base, '/') || '/functions/v1/chatbot/internal/deliver-webhooks',
      headers := jsonb_build_object('Content-Type', 'application/json',
                                    'Authorization', 'Bearer ' || secret),
      body := '{}'::jsonb,
      timeout_milliseconds := 60000
    );
  end
  $fn$;
  revoke all on function onboarding.kick_webhook_delivery() from public, anon, authenticated;

  -- Scheduling under an existing name replaces that job.
  perform cron.schedule('onboarding-deliver-webhooks', '* * * * *',
                        'select onboarding.kick_webhook_delivery()');
end
$do$;
