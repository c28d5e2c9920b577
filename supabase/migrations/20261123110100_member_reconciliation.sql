-- What two-way reconciliation needs on members, links, jobs and runs.

-- The app's own edits, per data category: when the app last changed the category and its
-- value before the first such change, i.e. the value both sides last agreed on. A sync
-- compares the registry's value with that baseline to tell "only the app changed" from
-- "both changed" (a conflict). The engine clears a category once it is reconciled.
-- Shape: { "<category>": { "at": timestamptz, "before": { <canonical fields> } } }.
alter table sync.members
  add column app_changes jsonb not null default '{}'::jsonb,
  -- Set when the registry stopped listing the member and the organization's rule says
  -- "remove": a soft removal. Rows are never deleted by a sync.
  add column removed_at timestamptz;

-- Set by the engine for its own writes (set_config('sync.writer', 'engine', true)); any
-- other writer is the app.
create function sync.track_app_member_changes()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  changes jsonb := new.app_changes;
  before_value jsonb;
  after_value jsonb;
  category text;
begin
  if current_setting('sync.writer', true) = 'engine' then
    return new;
  end if;
  foreach category in array array['membership_status', 'roles', 'contact_details', 'affiliation'] loop
    case category
      when 'membership_status' then
        before_value := jsonb_build_object('status', old.status);
        after_value := jsonb_build_object('status', new.status);
      when 'roles' then
        before_value := jsonb_build_object('roles', to_jsonb(old.roles));
        after_value := jsonb_build_object('roles', to_jsonb(new.roles));
      when 'contact_details' then
        before_value := jsonb_build_object('email', old.email, 'phone', old.phone);
        after_value := jsonb_build_object('email', new.email, 'phone', new.phone);
      else
        before_value := jsonb_build_object('affiliation', case when old.affiliation_unit_id is null then null
          else jsonb_build_object('unitId', old.affiliation_unit_id, 'unitName', old.affiliation_unit_name) end);
        after_value := jsonb_build_object('affiliation', case when new.affiliation_unit_id is null then null
          else jsonb_build_object('unitId', new.affiliation_unit_id, 'unitName', new.affiliation_unit_name) end);
    end case;
    if after_value is distinct from before_value then
      if changes ? category then
        -- Changed again: keep the agreed baseline; changed back to it: nothing to reconcile.
        if changes -> category -> 'before' = after_value then
          changes := changes - category;
        else
          changes := jsonb_set(changes, array[category, 'at'], to_jsonb(now()));
        end if;
      else
        changes := changes || jsonb_build_object(category, jsonb_build_object('at', now(), 'before', before_value));
      end if;
    end if;
  end loop;
  new.app_changes := changes;
  return new;
end;
$$;

create trigger members_track_app_changes
  before update on sync.members
  for each row execute function sync.track_app_member_changes();

-- Members are compared field by field now, so the content hash and the per-member
-- "last seen" stamp (a write for every unchanged member) are gone; run_seen_members below
-- finds absent members instead.
alter table sync.member_links
  drop column content_hash,
  drop column last_seen_run_id,
  -- The run that first brought the member in: its creation, without a diff row per member.
  add column first_seen_run_id uuid,
  -- When a full sync last found the member missing from the registry; cleared if it returns.
  add column absent_since timestamptz,
  -- When the link was made, so a held run approved later does not count members that
  -- arrived after it started (by webhook) as absent.
  add column linked_at timestamptz not null default now();

create index member_links_present_idx
  on sync.member_links (integration_id)
  where absent_since is null;

-- Which external ids a full run has seen, so members absent from the registry are found by
-- one set difference at the end instead of a write per unchanged member. Rows live only
-- while their run does; the engine deletes them when the run ends. No foreign key: a check
-- per inserted id would cost more than the insert.
create table sync.run_seen_members (
  run_id uuid not null,
  external_id text not null
);

create index run_seen_members_run_idx on sync.run_seen_members (run_id, external_id);

-- Deactivations a full run found (a registry status of lapsed/resigned/deceased for a member
-- we hold as active or pending), kept apart until the safety guard has counted them.
-- `record` is the canonical member (no personnummer: the model has none).
create table sync.staged_member_changes (
  run_id uuid not null,
  external_id text not null,
  record jsonb not null,
  primary key (run_id, external_id)
);

-- Records the registry served that our model rejects. Only the reason (field paths and
-- problems, never values) is kept, so no personal data is copied here.
create table sync.quarantined_records (
  id uuid primary key default gen_random_uuid(),
  integration_id uuid not null,
  org_id uuid not null,
  external_id text,
  reason text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  last_run_id uuid,
  occurrences int not null default 1,
  resolved_at timestamptz,
  foreign key (integration_id, org_id)
    references sync.integrations (id, org_id) on delete cascade
);

create unique index quarantined_records_member_idx
  on sync.quarantined_records (integration_id, external_id);

-- Writes the engine owes a registry (a conflict the app's value won). Processed by the
-- worker with retries; a failure stays visible here and raises an alert.
create table sync.source_writes (
  id uuid primary key default gen_random_uuid(),
  integration_id uuid not null,
  org_id uuid not null,
  member_id uuid not null references sync.members (id) on delete cascade,
  external_id text not null,
  conflict_id uuid,
  category text not null
    check (category in ('membership_status', 'roles', 'contact_details', 'affiliation')),
  -- A MemberPatch (shared/domain/member-patch.ts); personnummer never travels this way.
  patch jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts int not null default 0,
  -- A worker holds a write while it calls the registry; after this, another may retry it.
  not_before timestamptz not null default now(),
  error_code text,
  error_message text,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  foreign key (integration_id, org_id)
    references sync.integrations (id, org_id) on delete cascade
);

create index source_writes_pending_idx on sync.source_writes (not_before) where status = 'pending';

-- A member's category is owed to the registry once, however many syncs see the conflict
-- again before the write lands.
create unique index source_writes_one_pending_idx on sync.source_writes (member_id, category) where status = 'pending';

alter table sync.integrations
  -- When the scheduler next queues a full sync (from schedule_cron in schedule_timezone).
  add column next_full_sync_at timestamptz,
  -- Delta polling by updated_since: the only delta path without webhooks, and a sweep for
  -- missed deliveries with them.
  add column delta_interval_minutes int not null default 15
    check (delta_interval_minutes between 5 and 1440),
  add column next_delta_sync_at timestamptz,
  -- Changes at or after this instant have not been read yet.
  add column delta_watermark timestamptz,
  add column last_webhook_at timestamptz;

grant update (delta_interval_minutes) on sync.integrations to authenticated;

alter table sync.sync_jobs
  -- A dry run reports what a full sync would change and applies nothing.
  add column dry_run boolean not null default false,
  -- A delta job reads changes at or after this instant.
  add column delta_since timestamptz;

grant insert (dry_run) on sync.sync_jobs to authenticated;

alter table sync.sync_runs
  add column dry_run boolean not null default false,
  add column records_lapsed int not null default 0,
  add column records_removed int not null default 0,
  add column conflicts_detected int not null default 0,
  add column conflicts_queued int not null default 0,
  -- What a held or dry run would change: counts and a sample of external ids.
  add column summary jsonb,
  add column decided_by uuid references sync.admins (user_id) on delete set null,
  add column decided_at timestamptz,
  drop constraint sync_runs_status_check,
  add constraint sync_runs_status_check check (status in (
    'running', 'succeeded', 'failed', 'cancelled',
    -- held by the safety guard until an admin approves or rejects it
    'awaiting_approval', 'rejected',
    -- held, and a later full run made its summary out of date
    'superseded'));

create index sync_runs_awaiting_idx on sync.sync_runs (integration_id) where status = 'awaiting_approval';

alter table sync.run_seen_members enable row level security;
alter table sync.staged_member_changes enable row level security;
alter table sync.quarantined_records enable row level security;
alter table sync.source_writes enable row level security;

-- run_seen_members and staged_member_changes are the engine's scratch space: service only.
grant all on sync.run_seen_members, sync.staged_member_changes to service_role;
grant select on sync.quarantined_records, sync.source_writes to authenticated;
grant all on sync.quarantined_records, sync.source_writes to service_role;

create policy quarantined_records_select_admins on sync.quarantined_records
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy source_writes_select_admins on sync.source_writes
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));
