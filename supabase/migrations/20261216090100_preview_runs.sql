-- The health board shows each integration's latest preview (dry run) beside its latest full and
-- delta runs. Previews are rare, so without an index of their own that `limit 1` would walk an
-- integration's whole run history to find none; this partial index makes it one probe.
create index if not exists sync_runs_integration_preview_idx
  on sync.sync_runs (integration_id, started_at desc)
  where dry_run;
