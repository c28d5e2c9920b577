-- With a CPU budget, a `sync-worker` invocation ends after about 1.5 s of CPU (a few seconds of
-- wall clock) and hands its job back. Called once a minute, the platform would then sync for a
-- few seconds a minute: a night of 300 organizations × 100 000 members would take hours. Every
-- ten seconds (pg_cron 1.5 and later take a schedule in seconds; Supabase ships 1.6), handed-back
-- jobs are picked up again within ten seconds, and invocations that overlap work on different
-- jobs (SKIP LOCKED). An idle call costs a handful of statements: requeue, staleness, the schedules.
--
-- Where pg_cron is not installed, or the job was not created (see 20261123110500_worker_schedule.sql),
-- this does nothing.
-- The two tests are nested: PL/pgSQL plans a statement when it first runs it, so cron.job is only
-- named once the schema is known to exist.
do $migration$
begin
  if exists (select 1 from pg_namespace where nspname = 'cron') then
    if exists (select 1 from cron.job where jobname = 'sync-worker') then
      perform cron.alter_job((select jobid from cron.job where jobname = 'sync-worker'), schedule := '10 seconds');
    end if;
  end if;
end
$migration$;
