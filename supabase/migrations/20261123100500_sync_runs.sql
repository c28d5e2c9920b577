-- One execution of a sync job and its counts: the history the console charts.
-- Written only by the engine (service_role).

create table sync.sync_runs (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null,
  integration_id uuid not null,
  org_id uuid not null,
  kind text not null check (kind in ('full', 'delta')),
  status text not null default 'running'
    check (status in ('running', 'succeeded', 'failed', 'cancelled')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  records_total int,
  records_seen int not null default 0,
  records_created int not null default 0,
  records_updated int not null default 0,
  records_unchanged int not null default 0,
  records_failed int not null default 0,
  duration_ms int,
  error_code text,
  error_message text,
  foreign key (job_id, integration_id, org_id)
    references sync.sync_jobs (id, integration_id, org_id) on delete cascade
);

create index sync_runs_integration_started_idx
  on sync.sync_runs (integration_id, started_at desc);

create index sync_runs_job_id_idx on sync.sync_runs (job_id);

alter table sync.sync_runs enable row level security;

grant select on sync.sync_runs to authenticated;
grant all on sync.sync_runs to service_role;

-- The set form, as on members and sync_jobs: run history grows without bound.
create policy sync_runs_select_admins on sync.sync_runs
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));
