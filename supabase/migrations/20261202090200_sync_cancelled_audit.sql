-- An admin's cancel of a queued or running sync is an audit event of its own (`sync.cancel`).
-- The run it stops still gets its `sync_run` event when it ends as cancelled.
alter table sync.audit_events drop constraint if exists audit_events_type_check;
alter table sync.audit_events
  add constraint audit_events_type_check check (type in (
    'sync_run', 'webhook', 'webhook_rejected', 'conflict_resolved', 'conflict_override',
    'run_approved', 'run_rejected', 'rules_changed', 'settings_changed', 'integration_changed',
    'source_write', 'alert_acknowledged', 'sync_cancelled'));
