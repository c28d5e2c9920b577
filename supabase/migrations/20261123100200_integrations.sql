-- A connection from one organization to one member registry, and its credentials.

create table sync.integrations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references sync.organizations (id) on delete cascade,
  system text not null check (system in ('cornerstone', 'consio')),
  display_name text not null,
  base_url text not null,
  auth_kind text not null check (auth_kind in ('api_key', 'user_password_client', 'client_credentials')),
  schedule_cron text not null default '0 2 * * *',
  schedule_timezone text not null default 'Europe/Oslo',
  webhooks_supported boolean not null default false,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, system),
  -- Target of the (integration_id, org_id) foreign keys on the tables below, so a row can
  -- never claim an organization other than its integration's.
  unique (id, org_id)
);

create trigger integrations_set_updated_at
  before update on sync.integrations
  for each row execute function sync.set_updated_at();

-- Encrypted by the application before it reaches the database; no plaintext column.
create table sync.integration_credentials (
  integration_id uuid primary key references sync.integrations (id) on delete cascade,
  ciphertext text not null,
  key_id text not null,
  updated_at timestamptz not null default now()
);

create trigger integration_credentials_set_updated_at
  before update on sync.integration_credentials
  for each row execute function sync.set_updated_at();

alter table sync.integrations enable row level security;
alter table sync.integration_credentials enable row level security;

-- Org admins may tune an integration but not move it to another organization or change
-- which registry it talks to, so UPDATE is granted on these columns only. base_url and
-- auth_kind are left out on purpose: the engine sends the stored credentials to base_url,
-- so changing where they go must replace the credentials in the same step (a handler does
-- that as the service), or one admin could collect credentials another admin entered.
grant select, insert, delete on sync.integrations to authenticated;
grant update (
  display_name,
  schedule_cron,
  schedule_timezone,
  webhooks_supported,
  enabled
) on sync.integrations to authenticated;
grant all on sync.integrations to service_role;

-- Deliberately nothing for authenticated on integration_credentials: no grant and no
-- policy, so an admin can never read even the ciphertext. Only the engine (service_role)
-- decrypts and uses credentials.
grant all on sync.integration_credentials to service_role;

create policy integrations_select_admins on sync.integrations
  for select to authenticated
  using (sync.is_org_admin(org_id));

create policy integrations_update_admins on sync.integrations
  for update to authenticated
  using (sync.is_org_admin(org_id))
  with check (sync.is_org_admin(org_id));

create policy integrations_insert_global on sync.integrations
  for insert to authenticated
  with check ((select sync.is_global_admin()));

create policy integrations_delete_global on sync.integrations
  for delete to authenticated
  using ((select sync.is_global_admin()));
