-- The `sync` schema holds every table of the member sync backend. It is not `public`, so
-- PostgREST never exposes it: callers reach it only through the backend handlers, which
-- run SQL as the caller (backend/db/as-caller.ts).

create schema sync;

grant usage on schema sync to authenticated, service_role;

-- Functions are callable by PUBLIC by default; here each one is granted explicitly.
-- Global rather than `in schema sync`: per-schema default privileges can only add to the
-- global ones, never take away.
alter default privileges revoke execute on functions from public;

-- Security invoker: it only rewrites the row being written.
create function sync.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end;
$$;
