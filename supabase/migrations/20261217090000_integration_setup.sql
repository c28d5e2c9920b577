-- Integration setup from the console (integrations.create/update/testConnection,
-- integrations.rotateWebhookSecret, organizations.onboard).

-- When the saved credentials were last replaced and last accepted by the registry. Shown
-- instead of the credentials, which are never shown again. Set only by the handlers that seal
-- and test credentials (as the service): no column grant to authenticated, so an admin cannot
-- claim credentials work that were never tried.
alter table sync.integrations
  add column credentials_changed_at timestamptz,
  add column credentials_verified_at timestamptz;

-- A rotated webhook secret stays valid until previous_valid_until, so deliveries Cornerstone
-- signs with the old secret (before the admin has entered the new one there) still apply.
-- Sealed like the current secret; the three columns are set and cleared together.
alter table sync.webhook_secrets
  add column previous_ciphertext text,
  add column previous_key_id text,
  add column previous_valid_until timestamptz,
  add constraint webhook_secrets_previous_together check (
    (previous_ciphertext is null) = (previous_key_id is null)
    and (previous_ciphertext is null) = (previous_valid_until is null)
  );

-- An organization onboarded by a global admin is an audit event of its own; the integration
-- it came with is recorded as `integration_changed` (created).
alter table sync.audit_events drop constraint if exists audit_events_type_check;
alter table sync.audit_events
  add constraint audit_events_type_check check (type in (
    'sync_run', 'webhook', 'webhook_rejected', 'conflict_resolved', 'conflict_override',
    'run_approved', 'run_rejected', 'rules_changed', 'settings_changed', 'integration_changed',
    'source_write', 'alert_acknowledged', 'sync_cancelled', 'organization_onboarded'));

-- Signature failures in the last day (the webhook section) read a range of
-- audit_events_integration_type_idx (20261216090000_list_indexes.sql); no index of their own.
