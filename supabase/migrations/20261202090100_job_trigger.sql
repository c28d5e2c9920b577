-- What started a job: the schedule (the worker's enqueueDueJobs, pg_cron) or an admin's
-- "Sync now" (`manual`). Run history and the health board show it.
--
-- The default is `manual` on purpose: admins have no column grant on `trigger`, so every job
-- an admin queues is manual whatever they send, and the one other writer, the scheduler,
-- names `schedule` itself. A requeued job (a worker died, or handed the job back) is the same
-- job, so it keeps its trigger; webhooks apply changes without a job.
alter table sync.sync_jobs
  add column if not exists trigger text not null default 'manual'
    constraint sync_jobs_trigger_known check (trigger in ('schedule', 'manual'));

-- Backfill: only admins ever set requested_by, so a job without one was the scheduler's. A job
-- whose admin has since been deleted (on delete set null) reads as scheduled: the best the
-- history can say.
update sync.sync_jobs set trigger = 'schedule' where requested_by is null and trigger <> 'schedule';
