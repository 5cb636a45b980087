-- Onboarding chatbot schema: users, chat sessions and messages, the collected company profile,
-- products and uploads, in a schema of its own (not the PostgREST-exposed `public`).
-- Row-level security is enabled and forced on every table; every policy compares the row's
-- owner with the `external_user_id` of `request.jwt.claims`, which the API sets per transaction.
-- Written to be harmless when applied twice, and to run on Supabase, plain PostgreSQL 15+ and
-- PGlite.

-- Supabase's roles exist there already; elsewhere create stand-ins.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- The API connects as the migrating role and switches to `authenticated` per transaction.
  if not pg_has_role(current_user, 'authenticated', 'member') then
    execute format('grant authenticated to %I', current_user);
  end if;
end
$$;

create schema if not exists onboarding;

-- The caller's external user id, from the claims the API sets for the transaction.
create or replace function onboarding.current_external_user_id() returns text
  language sql stable
  set search_path = ''
as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'external_user_id'
$$;

create table if not exists onboarding.users (
  id integer generated always as identity primary key,
  external_user_id text not null unique
    check (char_length(external_user_id) between 1 and 100),
  username text not null check (char_length(username) between 1 and 100),
  role text not null default 'user' check (role in ('user', 'admin')),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, external_user_id)
);

create table if not exists onboarding.chat_sessions (
  id integer generated always as identity primary key,
  user_id integer not null,
  external_user_id text not null,
  status text not null default 'active' check (status in ('active', 'completed')),
  state jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  check ((status = 'completed') = (completed_at is not null)),
  unique (id, external_user_id),
  foreign key (user_id, external_user_id)
    references onboarding.users (id, external_user_id) on delete cascade
);
create index if not exists chat_sessions_owner_idx
  on onboarding.chat_sessions (external_user_id, created_at desc);
create index if not exists chat_sessions_user_idx on onboarding.chat_sessions (user_id);

create table if not exists onboarding.chat_messages (
  id bigint generated always as identity primary key,
  session_id integer not null,
  external_user_id text not null,
  role text not null check (role in ('user', 'assistant')),
  content text not null check (char_length(content) <= 100000),
  created_at timestamptz not null default now(),
  foreign key (session_id, external_user_id)
    references onboarding.chat_sessions (id, external_user_id) on delete cascade
);
create index if not exists chat_messages_session_idx on onboarding.chat_messages (session_id, id);
create index if not exists chat_messages_owner_idx on onboarding.chat_messages (external_user_id);

create table if not exists onboarding.company_onboarding (
  id integer generated always as identity primary key,
  chat_session_id integer not null unique,
  user_id integer not null,
  external_user_id text not null,
  industry text check (char_length(industry) between 1 and 100),
  capital_amount bigint check (capital_amount between 0 and 1000000000000000),
  invention_patent_count integer check (invention_patent_count >= 0),
  utility_patent_count integer check (utility_patent_count >= 0),
  certification_count integer check (certification_count >= 0),
  certifications text[],
  esg_certification boolean,
  esg_certifications text[],
  -- Derived, so the count can never disagree with the list.
  esg_certification_count integer generated always as (cardinality(esg_certifications)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- "No ESG certification" is an empty list; "yes" needs at least one name.
  check (esg_certification is null or esg_certifications is not null),
  check (esg_certification is not true or cardinality(esg_certifications) > 0),
  check (esg_certification is not false or cardinality(esg_certifications) = 0),
  unique (id, external_user_id),
  foreign key (chat_session_id, external_user_id)
    references onboarding.chat_sessions (id, external_user_id) on delete cascade,
  foreign key (user_id, external_user_id)
    references onboarding.users (id, external_user_id) on delete cascade
);
create index if not exists company_onboarding_owner_idx
  on onboarding.company_onboarding (external_user_id, updated_at desc);
create index if not exists company_onboarding_user_idx on onboarding.company_onboarding (user_id);

create table if not exists onboarding.products (
  id integer generated always as identity primary key,
  onboarding_id integer not null,
  external_user_id text not null,
  product_id text check (char_length(product_id) between 1 and 100),
  product_name text not null check (char_length(product_name) between 1 and 200),
  price text check (char_length(price) <= 200),
  main_raw_materials text check (char_length(main_raw_materials) <= 1000),
  product_standard text check (char_length(product_standard) <= 1000),
  technical_advantages text check (char_length(technical_advantages) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (onboarding_id, product_id),
  foreign key (onboarding_id, external_user_id)
    references onboarding.company_onboarding (id, external_user_id) on delete cascade
);
create index if not exists products_onboarding_idx on onboarding.products (onboarding_id, id);
create index if not exists products_owner_idx on onboarding.products (external_user_id);

create table if not exists onboarding.uploads (
  id integer generated always as identity primary key,
  session_id integer not null,
  external_user_id text not null,
  filename text not null check (char_length(filename) between 1 and 1000),
  file_type text not null check (file_type in ('pdf', 'docx', 'png', 'jpeg', 'txt')),
  size_bytes integer not null check (size_bytes between 0 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_path text not null,
  status text not null default 'stored' check (status in ('stored', 'extracted', 'failed')),
  extracted_length integer check (extracted_length >= 0),
  error text check (char_length(error) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (session_id, external_user_id)
    references onboarding.chat_sessions (id, external_user_id) on delete cascade
);
create index if not exists uploads_session_idx on onboarding.uploads (session_id);
create index if not exists uploads_owner_idx on onboarding.uploads (external_user_id);

-- Privileges: nothing for anon; authenticated gets what the API needs, and RLS narrows it to
-- the caller's rows. Users may not grant themselves a role or reactivate themselves.
revoke all on all tables in schema onboarding from anon, authenticated;
grant usage on schema onboarding to authenticated, service_role;
grant execute on function onboarding.current_external_user_id() to authenticated, service_role;
grant select, insert (external_user_id, username), update (username, updated_at)
  on onboarding.users to authenticated;
grant select, insert, update, delete on onboarding.chat_sessions, onboarding.chat_messages,
  onboarding.company_onboarding, onboarding.products, onboarding.uploads to authenticated;
grant usage on all sequences in schema onboarding to authenticated;
grant all on all tables in schema onboarding to service_role;
grant usage on all sequences in schema onboarding to service_role;

-- Row-level security, enforced for table owners too.
do $$
declare
  t text;
begin
  foreach t in array array['users', 'chat_sessions', 'chat_messages', 'company_onboarding',
                           'products', 'uploads']
  loop
    execute format('alter table onboarding.%I enable row level security', t);
    execute format('alter table onboarding.%I force row level security', t);
    execute format('drop policy if exists own_rows on onboarding.%I', t);
    execute format(
      'create policy own_rows on onboarding.%I for all to authenticated '
      'using (external_user_id = (select onboarding.current_external_user_id())) '
      'with check (external_user_id = (select onboarding.current_external_user_id()))', t);
  end loop;
end
$$;
