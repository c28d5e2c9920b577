-- The audit trail and admin alerts. Audit rows are written by the backend only and never
-- changed; personnummer never appears in them (a change is recorded as "set"/"removed").

create table sync.audit_events (
  id uuid primary key default gen_random_uuid(),
  -- clock_timestamp, not now(): events of one transaction keep their order.
  occurred_at timestamptz not null default clock_timestamp(),
  -- Every event belongs to an organization: a webhook for an unknown target is refused
  -- before anything is written.
  org_id uuid not null references sync.organizations (id) on delete cascade,
  integration_id uuid,
  type text not null check (type in (
    'sync_run', 'webhook', 'webhook_rejected', 'conflict_resolved', 'conflict_override',
    'run_approved', 'run_rejected', 'rules_changed', 'settings_changed', 'integration_changed',
    'source_write', 'alert_acknowledged')),
  actor_kind text not null check (actor_kind in ('admin', 'engine', 'registry')),
  actor_id uuid,
  actor_label text not null,
  run_id uuid,
  -- What happened, in a sentence an admin can read.
  summary text not null,
  counts jsonb,
  outcome text not null default 'ok' check (outcome in ('ok', 'warning', 'error')),
  error_code text,
  -- Who must act and on what: configuration, credentials, registry, data, security, internal.
  error_category text check (error_category in ('configuration', 'credentials', 'registry', 'data', 'security', 'internal')),
  detail jsonb
);

-- Keyset pagination newest first, per organization and across all (global admins).
create index audit_events_org_idx on sync.audit_events (org_id, occurred_at desc, id desc);
create index audit_events_all_idx on sync.audit_events (occurred_at desc, id desc);
create index audit_events_run_idx on sync.audit_events (run_id) where run_id is not null;

-- Field-level before and after per member. A run's changes carry its run_id; a webhook's or
-- an admin action's carry the event id.
create table sync.audit_member_changes (
  id bigint generated always as identity primary key,
  org_id uuid not null references sync.organizations (id) on delete cascade,
  run_id uuid,
  event_id uuid,
  member_id uuid not null,
  external_id text,
  change text not null check (change in ('updated', 'deactivated', 'lapsed_absent', 'removed_absent', 'returned', 'conflict')),
  -- [{ "field": "email", "before": …, "after": … }]
  fields jsonb not null,
  rule_version int,
  occurred_at timestamptz not null default clock_timestamp(),
  check (run_id is not null or event_id is not null)
);

create index audit_member_changes_run_idx on sync.audit_member_changes (run_id, id) where run_id is not null;
create index audit_member_changes_event_idx on sync.audit_member_changes (event_id, id) where event_id is not null;
create index audit_member_changes_member_idx on sync.audit_member_changes (member_id, id);

-- One open alert per integration and kind; raising it again counts an occurrence.
create table sync.alerts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references sync.organizations (id) on delete cascade,
  integration_id uuid,
  kind text not null check (kind in (
    'credentials_failed', 'repeated_failures', 'stale_late', 'stale_error',
    'webhook_signature', 'run_held', 'source_write_failed', 'records_quarantined')),
  severity text not null check (severity in ('warning', 'error')),
  -- Who must act: the organization's admin, the registry vendor, or us.
  actor text not null check (actor in ('org_admin', 'vendor', 'operator')),
  message text not null,
  status text not null default 'open' check (status in ('open', 'resolved')),
  occurrences int not null default 1,
  first_raised_at timestamptz not null default now(),
  last_raised_at timestamptz not null default now(),
  acknowledged_by uuid references sync.admins (user_id) on delete set null,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  detail jsonb
);

create unique index alerts_one_open_idx
  on sync.alerts (integration_id, kind)
  where status = 'open';

create index alerts_org_idx on sync.alerts (org_id, last_raised_at desc, id desc);

alter table sync.audit_events enable row level security;
alter table sync.audit_member_changes enable row level security;
alter table sync.alerts enable row level security;

grant select on sync.audit_events, sync.audit_member_changes, sync.alerts to authenticated;
-- Acknowledging is the one change an admin makes to an alert.
grant update (acknowledged_by, acknowledged_at) on sync.alerts to authenticated;
grant all on sync.audit_events, sync.audit_member_changes, sync.alerts to service_role;

create policy audit_events_select_admins on sync.audit_events
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy audit_member_changes_select_admins on sync.audit_member_changes
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy alerts_select_admins on sync.alerts
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy alerts_update_admins on sync.alerts
  for update to authenticated
  using (org_id in (select sync.administered_org_ids()))
  with check (org_id in (select sync.administered_org_ids()) and acknowledged_by = (select auth.uid()));
