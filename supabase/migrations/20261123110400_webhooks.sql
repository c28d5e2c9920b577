-- Webhook deliveries from registries that push changes (Cornerstone).

-- The HMAC secret the registry signs with, as ciphertext (backend/crypto/credential-box.ts).
create table sync.webhook_secrets (
  integration_id uuid primary key references sync.integrations (id) on delete cascade,
  ciphertext text not null,
  key_id text not null,
  updated_at timestamptz not null default now()
);

-- Every accepted event id, so a replay is refused and a redelivery is applied once.
create table sync.webhook_events (
  integration_id uuid not null,
  event_id text not null,
  org_id uuid not null,
  received_at timestamptz not null default now(),
  occurred_at timestamptz,
  external_id text,
  -- applied: changed the member; unchanged: nothing to change; stale: older than what we
  -- hold (arrived out of order); quarantined: the record fails our model.
  outcome text not null check (outcome in ('applied', 'unchanged', 'stale', 'quarantined', 'conflict')),
  primary key (integration_id, event_id),
  foreign key (integration_id, org_id)
    references sync.integrations (id, org_id) on delete cascade
);

create index webhook_events_received_idx on sync.webhook_events (integration_id, received_at desc);

alter table sync.webhook_secrets enable row level security;
alter table sync.webhook_events enable row level security;

-- Like credentials: nothing for authenticated on the secret, not even the ciphertext.
grant all on sync.webhook_secrets to service_role;
grant select on sync.webhook_events to authenticated;
grant all on sync.webhook_events to service_role;

create policy webhook_events_select_admins on sync.webhook_events
  for select to authenticated
  using (org_id in (select sync.administered_org_ids()));
