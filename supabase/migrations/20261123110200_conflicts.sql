-- Conflicts: both the app and a registry changed the same data category of a member since
-- they last agreed, to different values. Every conflict is kept: the ones a rule resolved
-- automatically (the decision record) and the ones waiting in the manual review queue.

create table sync.conflicts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  integration_id uuid not null,
  member_id uuid not null,
  external_id text not null,
  category text not null
    check (category in ('membership_status', 'roles', 'contact_details', 'affiliation')),
  -- The category's canonical fields on each side, e.g. {"email": …, "phone": …}.
  app_value jsonb not null,
  external_value jsonb not null,
  app_changed_at timestamptz not null,
  external_changed_at timestamptz not null,
  -- What the rule in force decided (external_wins/app_wins) or, for manual review, what it
  -- proposes: the side that changed last.
  rule_resolution text not null check (rule_resolution in ('external_wins', 'app_wins', 'manual_review')),
  rule_version int not null,
  proposed_winner text not null check (proposed_winner in ('app', 'external')),
  status text not null default 'pending' check (status in ('pending', 'resolved')),
  winner text check (winner in ('app', 'external')),
  -- rule: decided by the rule automatically; proposal: an admin applied the proposal;
  -- override: an admin chose the other side.
  resolved_how text check (resolved_how in ('rule', 'proposal', 'override')),
  resolved_by uuid references sync.admins (user_id) on delete set null,
  resolved_at timestamptz,
  detected_run_id uuid,
  detected_at timestamptz not null default now(),
  foreign key (integration_id, org_id)
    references sync.integrations (id, org_id) on delete cascade,
  foreign key (member_id, org_id)
    references sync.members (id, org_id) on delete cascade,
  check ((status = 'pending') = (winner is null)),
  check ((status = 'pending') = (resolved_at is null))
);

-- One open conflict per member and category: a later sync refreshes it instead of piling up.
create unique index conflicts_one_pending_idx
  on sync.conflicts (member_id, category)
  where status = 'pending';

-- The review queue, newest first, per organization (keyset pagination).
create index conflicts_queue_idx
  on sync.conflicts (org_id, detected_at desc, id desc)
  where status = 'pending';

create index conflicts_org_detected_idx on sync.conflicts (org_id, detected_at desc, id desc);

alter table sync.conflicts enable row level security;

-- Admins read; resolving goes through the backend, which may have to write to the
-- registry first and records who decided.
grant select on sync.conflicts to authenticated;
grant all on sync.conflicts to service_role;

create policy conflicts_select_admins on sync.conflicts
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));
