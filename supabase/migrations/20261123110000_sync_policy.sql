-- How each organization wants its registries reconciled: versioned conflict rules per data
-- category, and the full-sync safety settings. Admins change these only through the backend
-- handlers, which record every change in the audit trail.

-- One row per organization; absent means the defaults below.
create table sync.org_sync_settings (
  org_id uuid primary key references sync.organizations (id) on delete cascade,
  -- What a full sync does to a member the registry no longer lists. Never a delete.
  absent_member_action text not null default 'lapse'
    check (absent_member_action in ('lapse', 'remove')),
  -- The safety guard holds a full sync that would lapse or remove more than
  -- min(ceil(percent of the integration's members), count) members.
  guard_max_percent numeric(5, 2) not null default 10
    check (guard_max_percent > 0 and guard_max_percent <= 100),
  guard_max_members int not null default 500 check (guard_max_members >= 0),
  updated_by uuid references sync.admins (user_id) on delete set null,
  updated_at timestamptz not null default now()
);

create trigger org_sync_settings_set_updated_at
  before update on sync.org_sync_settings
  for each row execute function sync.set_updated_at();

-- Append-only: a change is a new version. The rule in force for a category is its highest
-- version; every engine decision records the version it used. Version 0 is the built-in
-- default (shared/domain/conflict-rules.ts) and has no row.
create table sync.conflict_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references sync.organizations (id) on delete cascade,
  category text not null
    check (category in ('membership_status', 'roles', 'contact_details', 'affiliation')),
  resolution text not null
    check (resolution in ('external_wins', 'app_wins', 'manual_review')),
  version int not null check (version > 0),
  created_by uuid references sync.admins (user_id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, category, version)
);

alter table sync.org_sync_settings enable row level security;
alter table sync.conflict_rules enable row level security;

grant select on sync.org_sync_settings, sync.conflict_rules to authenticated;
grant insert (org_id, absent_member_action, guard_max_percent, guard_max_members, updated_by)
  on sync.org_sync_settings to authenticated;
grant update (absent_member_action, guard_max_percent, guard_max_members, updated_by)
  on sync.org_sync_settings to authenticated;
-- Rules are never updated or deleted, so history stays true.
grant insert (org_id, category, resolution, version, created_by) on sync.conflict_rules to authenticated;
grant all on sync.org_sync_settings, sync.conflict_rules to service_role;

create policy org_sync_settings_select_admins on sync.org_sync_settings
  for select to authenticated
  using (sync.is_org_admin(org_id));

create policy org_sync_settings_insert_admins on sync.org_sync_settings
  for insert to authenticated
  with check (sync.is_org_admin(org_id) and updated_by = (select auth.uid()));

create policy org_sync_settings_update_admins on sync.org_sync_settings
  for update to authenticated
  using (sync.is_org_admin(org_id))
  with check (sync.is_org_admin(org_id) and updated_by = (select auth.uid()));

create policy conflict_rules_select_admins on sync.conflict_rules
  for select to authenticated
  using (sync.is_org_admin(org_id));

create policy conflict_rules_insert_admins on sync.conflict_rules
  for insert to authenticated
  with check (sync.is_org_admin(org_id) and created_by = (select auth.uid()));
