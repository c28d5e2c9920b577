-- Vipps personnummer enrichment: which app accounts are which members, per organization the
-- switch and its legal basis, and one event per enrichment with its write attempts. The number
-- itself has no column anywhere: it passes through the enrichment service's memory on its way
-- to the registry, and only the fact of the write is kept.

-- The members' app links its user accounts to member records. One person can be a member of
-- several organizations, so one app user links to several members. app_user_id is the app's
-- Supabase auth user id (the `sub` of a member signed in to the app, not an administrator).
create table sync.app_user_members (
  app_user_id uuid not null,
  member_id uuid not null,
  org_id uuid not null,
  linked_at timestamptz not null default now(),
  primary key (app_user_id, member_id),
  foreign key (member_id, org_id) references sync.members (id, org_id) on delete cascade
);

-- A member record is one person's: two app accounts cannot both claim it.
create unique index app_user_members_member_id_idx on sync.app_user_members (member_id);

-- The Vipps account the app user signs in with (Vipps's `sub`, per sales unit), as the app's own
-- Vipps sign-in recorded it. A login is used only when the token Vipps answers for names this
-- account: a caller holding someone else's Vipps token cannot put that person's number on their
-- own records.
create table sync.app_user_vipps_accounts (
  app_user_id uuid primary key,
  vipps_sub text not null unique check (char_length(vipps_sub) between 1 and 200),
  linked_at timestamptz not null default now()
);
create index app_user_members_org_id_idx on sync.app_user_members (org_id);

-- Enrichment is off until an administrator switches it on with the legal basis the
-- organization relies on (Vipps grants the `nin` scope only for one). The baseline is counted
-- once, at the first activation, so the statistics measure progress from that day.
create table sync.enrichment_settings (
  org_id uuid primary key references sync.organizations (id) on delete cascade,
  enabled boolean not null default false,
  legal_basis text check (char_length(legal_basis) between 20 and 2000),
  enabled_by uuid references sync.admins (user_id) on delete set null,
  enabled_at timestamptz,
  changed_at timestamptz not null default now(),
  activated_at timestamptz,
  -- Members 15 or older without a personnummer at activation: what enrichment can fill.
  baseline_missing int check (baseline_missing >= 0),
  -- Members under 15 without one at activation: Vipps Login is closed to them.
  baseline_under_15 int check (baseline_under_15 >= 0),
  constraint enrichment_enabled_with_basis check (
    not enabled or (legal_basis is not null and enabled_at is not null and activated_at is not null)
  )
);

-- One event per member record a Vipps login reached. `pending` while the write is being made
-- or retried; `written` once the registry holds the number; `already_held` when the registry
-- had one after all; `failed` when retrying stopped (a refusal, or the hold ran out);
-- `needs_review` when the birth date the number encodes is not the registry's, or the
-- registry has none, and nothing was written.
create table sync.enrichment_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  integration_id uuid not null,
  member_id uuid not null,
  -- One Vipps login can reach several member records (one per organization).
  login_id uuid not null,
  outcome text not null check (outcome in ('pending', 'written', 'already_held', 'failed', 'needs_review')),
  review_reason text check (review_reason in ('birth_date_mismatch', 'birth_date_missing')),
  -- The member existed, 15 or older and without a number, when enrichment was switched on.
  in_baseline boolean not null default false,
  attempts int not null default 0 check (attempts >= 0),
  last_error_code text,
  last_error_at timestamptz,
  -- Until when the service holds the number in memory for retries; null once it is dropped.
  held_until timestamptz,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  reviewed_by uuid references sync.admins (user_id) on delete set null,
  reviewed_at timestamptz,
  constraint enrichment_review_reason check ((outcome = 'needs_review') = (review_reason is not null)),
  -- Target of enrichment_attempts' (event_id, org_id) foreign key.
  unique (id, org_id),
  foreign key (integration_id, org_id) references sync.integrations (id, org_id) on delete cascade,
  foreign key (member_id, org_id) references sync.members (id, org_id) on delete cascade
);

-- A member is written once: a second login, or two at once, cannot write again.
create unique index enrichment_events_written_once_idx
  on sync.enrichment_events (member_id) where outcome in ('pending', 'written');
-- A birth-date case is listed once until it is checked, however often the member logs in.
create unique index enrichment_events_review_once_idx
  on sync.enrichment_events (member_id) where outcome = 'needs_review' and reviewed_at is null;
-- The statistics: written events per organization by time.
create index enrichment_events_org_completed_idx
  on sync.enrichment_events (org_id, completed_at) where outcome = 'written';
-- The console's failure and review lists, newest first.
create index enrichment_events_org_outcome_idx
  on sync.enrichment_events (org_id, outcome, created_at desc, id desc);

-- Every write attempt: the member (through its event), when, and why it failed, in words
-- without the number (the adapters reduce a registry's answer before it gets here).
create table sync.enrichment_attempts (
  id bigint generated always as identity primary key,
  event_id uuid not null,
  org_id uuid not null,
  attempted_at timestamptz not null default now(),
  succeeded boolean not null,
  error_code text,
  message text check (char_length(message) <= 500),
  foreign key (event_id, org_id) references sync.enrichment_events (id, org_id) on delete cascade
);

create index enrichment_attempts_event_idx on sync.enrichment_attempts (event_id, attempted_at desc);

alter table sync.app_user_members enable row level security;
-- Closed to administrators entirely, like credentials: which Vipps account is whose is the app's
-- and the enrichment service's business. RLS on and no policy, so only service_role reads it.
alter table sync.app_user_vipps_accounts enable row level security;
alter table sync.enrichment_settings enable row level security;
alter table sync.enrichment_events enable row level security;
alter table sync.enrichment_attempts enable row level security;

-- Administrators read their organizations' rows and mark a review case as checked. The switch,
-- its basis and the baseline are written by the handler as the service, after it has read the
-- organization as the caller: an admin can neither name someone else as the one who switched it
-- on nor set the baseline the statistics are measured against. The enrichment service
-- (service_role) writes the events and attempts.
grant select on sync.app_user_members, sync.enrichment_settings, sync.enrichment_events, sync.enrichment_attempts
  to authenticated;
grant update (reviewed_by, reviewed_at) on sync.enrichment_events to authenticated;
grant all on sync.app_user_members, sync.app_user_vipps_accounts, sync.enrichment_settings, sync.enrichment_events,
  sync.enrichment_attempts to service_role;

create policy app_user_members_select_admins on sync.app_user_members
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy enrichment_settings_select_admins on sync.enrichment_settings
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

create policy enrichment_events_select_admins on sync.enrichment_events
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

-- Marking a case as checked, once, in one's own name and now: never undone, backdated or reassigned.
create policy enrichment_events_update_reviewers on sync.enrichment_events
  for update to authenticated
  using (org_id in (select sync.administered_org_ids()) and outcome = 'needs_review' and reviewed_at is null)
  with check (
    org_id in (select sync.administered_org_ids()) and reviewed_by = (select auth.uid())
    and reviewed_at is not null and reviewed_at <= now()
  );

create policy enrichment_attempts_select_admins on sync.enrichment_attempts
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

-- A write not done within 30 s of the login raises an alert on its integration.
alter table sync.alerts drop constraint if exists alerts_kind_check;
alter table sync.alerts
  add constraint alerts_kind_check check (kind in (
    'credentials_failed', 'repeated_failures', 'stale_late', 'stale_error',
    'webhook_signature', 'run_held', 'source_write_failed', 'records_quarantined',
    'enrichment_write_late'));

-- Switching enrichment on or off, and changing its legal basis, is audited.
alter table sync.audit_events drop constraint if exists audit_events_type_check;
alter table sync.audit_events
  add constraint audit_events_type_check check (type in (
    'sync_run', 'webhook', 'webhook_rejected', 'conflict_resolved', 'conflict_override',
    'run_approved', 'run_rejected', 'rules_changed', 'settings_changed', 'integration_changed',
    'source_write', 'alert_acknowledged', 'sync_cancelled', 'organization_onboarded',
    'enrichment_changed'));
