-- One word for a record the model would not take: it is quarantined (the console's word, the
-- alert's `records_quarantined`, the table `quarantined_records`), not "failed", which a run
-- itself can be. The check constraint follows the column.
alter table sync.sync_runs rename column records_failed to records_quarantined;
