-- Upload storage on Supabase: a private bucket with the upload limits, and a policy keeping
-- each user to their own folder. Skipped where there is no Supabase `storage` schema (plain
-- PostgreSQL, PGlite), where uploads go to a local folder instead.

-- A user's folder: the external user id itself when it is a plain safe name, else `u-` and
-- the hex SHA-256 of the id (`shared/storage/paths.ts` computes the same).
create or replace function onboarding.storage_folder(external_user_id text) returns text
  language sql immutable
  set search_path = ''
as $$
  select case
    when external_user_id ~ '^[A-Za-z0-9_-]{1,100}$' then external_user_id
    else 'u-' || encode(sha256(convert_to(external_user_id, 'UTF8')), 'hex')
  end
$$;
grant execute on function onboarding.storage_folder(text) to authenticated, service_role;

do $$
begin
  if to_regclass('storage.buckets') is null or to_regclass('storage.objects') is null then
    raise notice 'no Supabase storage schema: the upload bucket is not created';
    return;
  end if;
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('onboarding-uploads', 'onboarding-uploads', false, 10485760, array[
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/png', 'image/jpeg', 'text/plain'])
  on conflict (id) do update
    set public = false,
        file_size_limit = excluded.file_size_limit,
        allowed_mime_types = excluded.allowed_mime_types;
  drop policy if exists onboarding_uploads_own_folder on storage.objects;
  create policy onboarding_uploads_own_folder on storage.objects for all to authenticated
    using (bucket_id = 'onboarding-uploads'
           and (storage.foldername(name))[1] =
               onboarding.storage_folder((select onboarding.current_external_user_id())))
    with check (bucket_id = 'onboarding-uploads'
                and (storage.foldername(name))[1] =
                    onboarding.storage_folder((select onboarding.current_external_user_id())));
end
$$;
