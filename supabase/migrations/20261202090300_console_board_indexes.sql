-- What the console's health board and run detail read, each as an index probe.

-- The last full and the last delta run of an integration (health.list), and the last
-- successful full run behind the member count: without the kind in the key, a nightly full
-- run sits behind up to a day of delta runs (one every 15 minutes) in an index on
-- (integration_id, started_at). Dry runs count for neither, so they are left out.
create index if not exists sync_runs_integration_kind_started_idx
  on sync.sync_runs (integration_id, kind, started_at desc)
  where not dry_run;

-- Pending conflicts per integration (health.list counts them) are a range of
-- conflicts_list_integration_idx (20261216090000_list_indexes.sql); open alerts of
-- alerts_one_open_idx.

-- The records a run set aside (runs.quarantined), newest first by keyset.
create index if not exists quarantined_records_run_idx
  on sync.quarantined_records (last_run_id, last_seen_at desc, id desc)
  where last_run_id is not null;

-- A quarantined record has been met at least once; the contract reads occurrences as positive.
alter table sync.quarantined_records drop constraint if exists quarantined_records_occurrences_positive;
alter table sync.quarantined_records
  add constraint quarantined_records_occurrences_positive check (occurrences > 0);
