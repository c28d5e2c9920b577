-- Every list the console pages (conflicts.list, runs.list, alerts.list, audit.list) reads index
-- ranges in keyset order, whatever filters it is called with.
--
-- The handlers (backend/handlers/keyset-list.ts) turn a list's filters into equality keys that
-- lead one of the indexes below, followed by the list's order (time desc, id desc), so the
-- keyset cursor is the range's bound and a page reads `limit + 1` index entries:
--   * the scope: an integration, an organization, or none (a global admin or the service);
--   * then the list's own key: a conflict's status (and category), a run's status, an audit
--     event's type or actor.
-- A key given several values (the organizations an admin relying on row-level security
-- administers, several audit types, a conflict status of "all") becomes one range per value,
-- each cut at `limit + 1` rows and merged; no range walks another organization's rows.
--
-- Without these, a list without the leading key of the one index it had walked the whole
-- table: conflicts.list for a global admin 1.4 s at 1 M pending conflicts, runs.list without an
-- integration 172 ms at 250 000 runs, alerts.list "all" 71 ms at 100 000, audit.list for a
-- small organization's admin by a rare type 290 ms.
--
-- Plain `create index` (not concurrently): migrations run in a transaction. On a large
-- production table build them by hand with `create index concurrently if not exists` first;
-- this file then finds them in place.

-- Conflicts: the status is a key column rather than a partial index's predicate, so "all" is
-- the pending and the resolved range merged and one index serves all three statuses.
create index if not exists conflicts_list_idx
  on sync.conflicts (status, detected_at desc, id desc);
create index if not exists conflicts_list_category_idx
  on sync.conflicts (status, category, detected_at desc, id desc);
create index if not exists conflicts_list_org_idx
  on sync.conflicts (org_id, status, detected_at desc, id desc);
create index if not exists conflicts_list_org_category_idx
  on sync.conflicts (org_id, status, category, detected_at desc, id desc);
create index if not exists conflicts_list_integration_idx
  on sync.conflicts (integration_id, status, detected_at desc, id desc);
create index if not exists conflicts_list_integration_category_idx
  on sync.conflicts (integration_id, status, category, detected_at desc, id desc);
-- Their ranges are conflicts_list_org_idx's ('pending' leads its second column; "all" is two
-- ranges of it), so they only cost writes now.
drop index if exists sync.conflicts_queue_idx;
drop index if exists sync.conflicts_org_detected_idx;

-- Runs: newest first by (started_at, id), with and without a status.
create index if not exists sync_runs_list_idx
  on sync.sync_runs (started_at desc, id desc);
create index if not exists sync_runs_list_status_idx
  on sync.sync_runs (status, started_at desc, id desc);
create index if not exists sync_runs_list_org_idx
  on sync.sync_runs (org_id, started_at desc, id desc);
create index if not exists sync_runs_list_org_status_idx
  on sync.sync_runs (org_id, status, started_at desc, id desc);
create index if not exists sync_runs_list_integration_idx
  on sync.sync_runs (integration_id, started_at desc, id desc);
create index if not exists sync_runs_list_integration_status_idx
  on sync.sync_runs (integration_id, status, started_at desc, id desc);
-- (integration_id, started_at desc) is a prefix of sync_runs_list_integration_idx, which serves
-- every query it did and breaks ties by id as the keyset needs.
drop index if exists sync.sync_runs_integration_started_idx;

-- Alerts: the open ones are few and what the console shows by default, so they get partial
-- indexes of their own; "all" reads the full ones (alerts_org_idx is the organization's).
create index if not exists alerts_list_open_idx
  on sync.alerts (last_raised_at desc, id desc)
  where status = 'open';
create index if not exists alerts_list_open_org_idx
  on sync.alerts (org_id, last_raised_at desc, id desc)
  where status = 'open';
create index if not exists alerts_list_open_integration_idx
  on sync.alerts (integration_id, last_raised_at desc, id desc)
  where status = 'open' and integration_id is not null;
create index if not exists alerts_list_idx
  on sync.alerts (last_raised_at desc, id desc);
create index if not exists alerts_list_integration_idx
  on sync.alerts (integration_id, last_raised_at desc, id desc)
  where integration_id is not null;

-- Audit events: audit_events_org_idx and audit_events_all_idx serve the unfiltered lists.
-- By type, one range per type asked for.
create index if not exists audit_events_integration_idx
  on sync.audit_events (integration_id, occurred_at desc, id desc)
  where integration_id is not null;
create index if not exists audit_events_type_idx
  on sync.audit_events (type, occurred_at desc, id desc);
create index if not exists audit_events_org_type_idx
  on sync.audit_events (org_id, type, occurred_at desc, id desc);
create index if not exists audit_events_integration_type_idx
  on sync.audit_events (integration_id, type, occurred_at desc, id desc)
  where integration_id is not null;
-- By actor (an admin by id; the engine or a registry, whose id is null): one range. With types
-- as well, the planner reads either these ranges checking the type on the row or the type ranges
-- checking the actor; an integration's events by actor read its range checking the actor.
create index if not exists audit_events_actor_idx
  on sync.audit_events (actor_kind, actor_id, occurred_at desc, id desc);
create index if not exists audit_events_org_actor_idx
  on sync.audit_events (org_id, actor_kind, actor_id, occurred_at desc, id desc);
