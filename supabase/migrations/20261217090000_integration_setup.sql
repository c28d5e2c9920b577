-- Integration setup from the console (integrations.create/update/testConnection,
-- integrations.rotateWebhookSecret, organizations.onboard).

-- When the saved credentials were last replaced and last accepted by the registry. Shown
-- instead of the credentials, which are never shown again. Set only by the handlers that seal
-- and test credentials (as the service): no column grant to authenticated, so an admin cannot
-- claim credentials work that were never tried.
alter table sync.integrations
  add column credentials_changed_at timestamptz,
  add column credentials_verified_at timestamptz;

-- Rotated webhook secrets stay valid for an overlap, so deliveries Cornerstone signs with an
-- older secret (before the admin has entered the new one there) still apply: a JSON array of
-- { ciphertext, keyId, validUntil }, newest first, at most three, each sealed like the current
-- secret. Rotating twice within an overlap keeps both older secrets, since either may be the
-- one Cornerstone holds.
alter table sync.webhook_secrets
  add column previous_secrets jsonb not null default '[]'::jsonb,
  add constraint webhook_secrets_previous_array check (
    jsonb_typeof(previous_secrets) = 'array' and jsonb_array_length(previous_secrets) <= 3
  );

-- An organization onboarded by a global admin is an audit event of its own, naming the member
-- system it was connected to and the administrators it was given.
alter table sync.audit_events drop constraint if exists audit_events_type_check;
alter table sync.audit_events
  add constraint audit_events_type_check check (type in (
    'sync_run', 'webhook', 'webhook_rejected', 'conflict_resolved', 'conflict_override',
    'run_approved', 'run_rejected', 'rules_changed', 'settings_changed', 'integration_changed',
    'source_write', 'alert_acknowledged', 'sync_cancelled', 'organization_onboarded'));

-- Signature failures in the last day (the webhook section) read a range of
-- audit_events_integration_type_idx (20261216090000_list_indexes.sql); no index of their own.
