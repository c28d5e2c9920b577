-- A worker invocation on Supabase has a wall-clock deadline of its own; once that has passed
-- (plus the time one last slice may take), the invocation is over, whether it handed its job
-- back or was ended by the platform (2 s of CPU, 256 MB). `lease_until` records that moment at
-- the claim, so the next invocation requeues a job whose invocation was killed without waiting
-- for its heartbeat to age by the full abandonment threshold. Null: a worker with no deadline
-- (the in-process loop of the embedded host and the tests), judged by its heartbeat alone.
--
-- Admins have no column grant on it (see sync_jobs' grants): only workers set it.
alter table sync.sync_jobs add column if not exists lease_until timestamptz;
