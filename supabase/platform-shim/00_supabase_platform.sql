-- Supabase platform shim.
--
-- A Supabase project's Postgres already has the API roles (anon, authenticated,
-- service_role) and the `auth` schema with auth.uid(), auth.role() and auth.jwt(); our
-- migrations and RLS policies rely on them. PGlite (embedded demo, tests) and the Debian
-- PostgreSQL server (tests) have none of this, so this file stands in for it there.
--
-- Apply it ONLY outside Supabase: on a Supabase project these objects are owned by
-- Supabase and must not be redefined.
--
-- Safe to apply repeatedly. Roles are cluster-global on a real server, so they may
-- already exist because another database on the same cluster ran this file; the DO
-- blocks check pg_roles and tolerate a concurrent creator winning the race.
--
-- The auth functions mirror Supabase's own definitions (supabase/auth migrations): they
-- read the claims PostgREST (or backend/db/as-caller.ts) puts in transaction-local
-- settings, preferring the legacy per-claim setting when it is non-empty.

do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
exception
  when duplicate_object or unique_violation then null;
end
$$;

do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
exception
  when duplicate_object or unique_violation then null;
end
$$;

-- As on Supabase, the service role skips RLS entirely; its power comes from holding the
-- service key, which only the backend has.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
exception
  when duplicate_object or unique_violation then null;
end
$$;

-- `set role` needs membership unless the session user is a superuser; granting keeps the
-- shim working for a non-superuser owner too. Skipped when already a member so that
-- repeated runs stay quiet.
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated', 'service_role'] loop
    if not pg_catalog.pg_has_role(current_user, api_role, 'member') then
      execute pg_catalog.format('grant %I to %I', api_role, current_user);
    end if;
  end loop;
end
$$;

create schema if not exists auth;

grant usage on schema auth to anon, authenticated, service_role;

create or replace function auth.uid()
returns uuid
language sql
stable
as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

create or replace function auth.role()
returns text
language sql
stable
as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

create or replace function auth.email()
returns text
language sql
stable
as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.email', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$$;

create or replace function auth.jwt()
returns jsonb
language sql
stable
as $$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;
