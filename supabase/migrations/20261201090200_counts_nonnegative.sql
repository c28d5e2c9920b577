-- What the contract reads as a count or a version cannot be negative in the database either:
-- a row the database accepts must never fail the contract on the way out, or the caller gets
-- "internal" for our data. tests/db/contract-bounds.test.ts proves the two agree, field by field.

alter table sync.sync_runs
  add constraint sync_runs_counts_nonnegative check (
    records_total >= 0 and records_seen >= 0 and records_created >= 0 and records_updated >= 0
    and records_unchanged >= 0 and records_failed >= 0 and records_lapsed >= 0 and records_removed >= 0
    and conflicts_detected >= 0 and conflicts_queued >= 0 and duration_ms >= 0);

alter table sync.sync_jobs
  add constraint sync_jobs_progress_nonnegative check (processed >= 0 and total >= 0);

-- Version 0 is the built-in default rule, which a conflict and an audit change may name.
alter table sync.conflicts
  add constraint conflicts_rule_version_nonnegative check (rule_version >= 0);

alter table sync.audit_member_changes
  add constraint audit_member_changes_rule_version_nonnegative check (rule_version >= 0);

-- An open alert has been raised at least once.
alter table sync.alerts
  add constraint alerts_occurrences_positive check (occurrences > 0);
