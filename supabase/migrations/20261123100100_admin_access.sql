-- Organizations, the admins who run the console, and which organizations each admin
-- administers. The helper functions here are what every other table's policies use.

create table sync.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

-- user_id is the Supabase auth user id (the JWT `sub`).
create table sync.admins (
  user_id uuid primary key,
  email text not null unique,
  display_name text not null,
  is_global boolean not null default false,
  created_at timestamptz not null default now()
);

create table sync.org_admins (
  org_id uuid not null references sync.organizations (id) on delete cascade,
  user_id uuid not null references sync.admins (user_id) on delete cascade,
  primary key (org_id, user_id)
);

-- The primary key leads with org_id; "which orgs may this user administer" needs user_id.
create index org_admins_user_id_idx on sync.org_admins (user_id);

-- Security definer so that policies on admins and org_admins can call these without
-- recursing into their own RLS. Owned by the migration role, which bypasses RLS.
create function sync.is_global_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from sync.admins as a
    where a.user_id = (select auth.uid())
      and a.is_global
  )
$$;

create function sync.is_org_admin(p_org_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from sync.admins as a
    where a.user_id = (select auth.uid())
      and (
        a.is_global
        or exists (
          select 1
          from sync.org_admins as oa
          where oa.org_id = p_org_id
            and oa.user_id = a.user_id
        )
      )
  )
$$;

-- For policies on large tables (members): evaluated once per statement as a hashed
-- subplan, instead of a function call per row as is_org_admin(org_id) would be.
create function sync.administered_org_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select o.id
  from sync.organizations as o
  where exists (
    select 1
    from sync.admins as a
    where a.user_id = (select auth.uid())
      and (
        a.is_global
        or exists (
          select 1
          from sync.org_admins as oa
          where oa.org_id = o.id
            and oa.user_id = a.user_id
        )
      )
  )
$$;

revoke execute on function
  sync.is_global_admin(),
  sync.is_org_admin(uuid),
  sync.administered_org_ids()
  from public;

grant execute on function
  sync.is_global_admin(),
  sync.is_org_admin(uuid),
  sync.administered_org_ids()
  to authenticated, service_role;

alter table sync.organizations enable row level security;
alter table sync.admins enable row level security;
alter table sync.org_admins enable row level security;

grant select, insert, update, delete on sync.organizations to authenticated;
grant select, insert, update, delete on sync.admins to authenticated;
grant select, insert, update, delete on sync.org_admins to authenticated;
grant all on sync.organizations, sync.admins, sync.org_admins to service_role;

-- organizations

create policy organizations_select_admins on sync.organizations
  for select to authenticated
  using (sync.is_org_admin(id));

create policy organizations_insert_global on sync.organizations
  for insert to authenticated
  with check ((select sync.is_global_admin()));

create policy organizations_update_global on sync.organizations
  for update to authenticated
  using ((select sync.is_global_admin()))
  with check ((select sync.is_global_admin()));

create policy organizations_delete_global on sync.organizations
  for delete to authenticated
  using ((select sync.is_global_admin()));

-- admins: everyone sees their own row (the console shows who is signed in).

create policy admins_select_self_or_global on sync.admins
  for select to authenticated
  using (user_id = (select auth.uid()) or (select sync.is_global_admin()));

create policy admins_insert_global on sync.admins
  for insert to authenticated
  with check ((select sync.is_global_admin()));

create policy admins_update_global on sync.admins
  for update to authenticated
  using ((select sync.is_global_admin()))
  with check ((select sync.is_global_admin()));

create policy admins_delete_global on sync.admins
  for delete to authenticated
  using ((select sync.is_global_admin()));

-- org_admins: an admin sees their own memberships, not who else runs the organization.

create policy org_admins_select_self_or_global on sync.org_admins
  for select to authenticated
  using (user_id = (select auth.uid()) or (select sync.is_global_admin()));

create policy org_admins_insert_global on sync.org_admins
  for insert to authenticated
  with check ((select sync.is_global_admin()));

create policy org_admins_update_global on sync.org_admins
  for update to authenticated
  using ((select sync.is_global_admin()))
  with check ((select sync.is_global_admin()));

create policy org_admins_delete_global on sync.org_admins
  for delete to authenticated
  using ((select sync.is_global_admin()));
