-- The job queue. Admins request jobs; workers (service_role) claim them with
-- FOR UPDATE SKIP LOCKED, checkpoint `cursor` after each slice and finish them.

create table sync.sync_jobs (
  id uuid primary key default gen_random_uuid(),
  integration_id uuid not null,
  org_id uuid not null,
  kind text not null check (kind in ('full', 'delta')),
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  -- The admin who asked for it; null when the scheduler did.
  requested_by uuid references sync.admins (user_id) on delete set null,
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  heartbeat_at timestamptz,
  claimed_by text,
  attempt int not null default 0,
  -- Opaque to the database: the engine's checkpoint, so a run can resume after a slice.
  cursor text,
  processed int not null default 0,
  total int,
  error_code text,
  error_message text,
  foreign key (integration_id, org_id)
    references sync.integrations (id, org_id) on delete cascade,
  -- Target of sync_runs' composite foreign key, so a run always matches its job's
  -- integration and organization.
  unique (id, integration_id, org_id)
);

-- At most one queued or running job per integration, whoever asks and however many
-- workers race: a second request fails with unique_violation (23505).
create unique index sync_jobs_one_active_per_integration
  on sync.sync_jobs (integration_id)
  where status in ('queued', 'running');

create index sync_jobs_claim_idx
  on sync.sync_jobs (status, requested_at)
  where status = 'queued';

-- Workers look for running jobs whose heartbeat has stopped on every loop; without this the
-- look-up would scan the whole job history.
create index sync_jobs_running_heartbeat_idx
  on sync.sync_jobs (heartbeat_at)
  where status = 'running';

create index sync_jobs_integration_requested_idx
  on sync.sync_jobs (integration_id, requested_at desc);

alter table sync.sync_jobs enable row level security;

-- Column grants keep admins from forging worker state (claimed_by, cursor, counters):
-- they may only name the job on insert and only change its status on update.
grant select on sync.sync_jobs to authenticated;
grant insert (integration_id, org_id, kind, requested_by) on sync.sync_jobs to authenticated;
grant update (status) on sync.sync_jobs to authenticated;
grant all on sync.sync_jobs to service_role;

-- The set form, as on members: job history grows without bound and is aggregated for
-- charts, so a per-row function call would dominate.
create policy sync_jobs_select_admins on sync.sync_jobs
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));

-- The (integration_id, org_id) foreign key already ties the job to its integration's
-- organization, so checking org_id here covers the integration too.
create policy sync_jobs_insert_admins on sync.sync_jobs
  for insert to authenticated
  with check (
    sync.is_org_admin(org_id)
    and requested_by = (select auth.uid())
    and status = 'queued'
  );

-- The only update an admin may make is cancelling a job that has not finished. The
-- column grant limits it to `status`; this policy limits the old row to an active job of
-- theirs and the new value to 'cancelled'. The worker sees the status at its next
-- checkpoint and stops.
create policy sync_jobs_update_cancel_admins on sync.sync_jobs
  for update to authenticated
  using (sync.is_org_admin(org_id) and status in ('queued', 'running'))
  with check (sync.is_org_admin(org_id) and status = 'cancelled');
