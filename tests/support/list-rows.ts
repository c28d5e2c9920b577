import type { Caller, Db } from '../../backend/db/port.ts';

/**
 * Rows for the console's lists at scale, written in SQL with generate_series as the table owner:
 * 300 organizations with two integrations each. Organization 1 (the big one) holds 10 % of
 * every table, organizations 2 and 3 5 % each, the other 297 share the rest; three admins (a global
 * one, organization 1's, and one administering organizations 2 and 3). Row n belongs to its
 * organization by n % 20; its other attributes follow m = n / 20, so they do not depend on the
 * organization. For tests/db/list-plans.test.ts and bench/list-pages.ts.
 *
 * Conflicts name no real member: foreign-key triggers are off while they are written
 * (`session_replication_role = replica`, the server's superuser), since the lists never need one.
 */
export interface ListRowCounts {
  conflicts: number;
  runs: number;
  alerts: number;
  auditEvents: number;
}

export interface ListWorld {
  global: Caller;
  /** Administers the big organization only. */
  bigAdmin: Caller & { kind: 'user' };
  /** Administers two small organizations. */
  smallAdmin: Caller & { kind: 'user' };
  bigOrgId: string;
  smallOrgIds: [string, string];
  /** The big organization's first integration. */
  bigIntegrationId: string;
  /** The first small organization's first integration. */
  smallIntegrationId: string;
}

const ORGS = 300;
const GLOBAL_ID = '0a000000-0000-4000-8000-000000000001';
const BIG_ADMIN_ID = '0a000000-0000-4000-8000-000000000002';
const SMALL_ADMIN_ID = '0a000000-0000-4000-8000-000000000003';

/** Row n's organization number and integration number (0 cornerstone, 1 consio), in SQL. */
const ORG_OF = (n: string) => `(case when ${n} % 20 < 2 then 1 when ${n} % 20 < 4 then ${n} % 20 else 4 + (${n} / 20) % ${ORGS - 3} end)`;
const INTEGRATION_OF = (n: string) => `(${n} / 20) % 2`;
const JOIN = (n: string) => `join public.list_integrations li on li.org_no = ${ORG_OF(n)} and li.integration_no = ${INTEGRATION_OF(n)}`;

export async function fillListRows(db: Db, counts: ListRowCounts): Promise<ListWorld> {
  await db.exec(`
    insert into sync.organizations (slug, name)
      select 'org-' || i, 'Organisasjon ' || i from generate_series(1, ${ORGS}) i;
    insert into sync.integrations (org_id, system, display_name, base_url, auth_kind)
      select o.id, s.system, s.system || ' ' || o.slug, 'https://registry.invalid/' || o.slug, 'api_key'
        from sync.organizations o cross join (values ('cornerstone'), ('consio')) s(system);
    insert into sync.admins (user_id, email, display_name, is_global) values
      ('${GLOBAL_ID}', 'global@lists.invalid', 'Global', true),
      ('${BIG_ADMIN_ID}', 'big@lists.invalid', 'Big', false),
      ('${SMALL_ADMIN_ID}', 'small@lists.invalid', 'Small', false);
    insert into sync.org_admins (org_id, user_id)
      select id, '${BIG_ADMIN_ID}'::uuid from sync.organizations where slug = 'org-1'
      union all
      select id, '${SMALL_ADMIN_ID}'::uuid from sync.organizations where slug in ('org-2', 'org-3');
    -- Organization and integration numbers to ids; a table, not a temporary one, because the pool
    -- may run the statements below on other connections.
    create table public.list_integrations as
      select (substr(o.slug, 5))::int as org_no, (i.system = 'consio')::int as integration_no, o.id as org_id, i.id as integration_id
        from sync.organizations o join sync.integrations i on i.org_id = o.id;
    create index on public.list_integrations (org_no, integration_no);
    analyze public.list_integrations;

    -- One run a minute; one in 25 failed.
    insert into sync.sync_jobs (id, integration_id, org_id, kind, status, requested_at, finished_at)
      select gen_random_uuid(), li.integration_id, li.org_id, case when (n / 20) % 24 = 0 then 'full' else 'delta' end,
             case when (n / 20) % 25 = 3 then 'failed' else 'succeeded' end,
             now() - n * interval '1 minute', now() - n * interval '1 minute' + interval '20 seconds'
        from generate_series(1, ${counts.runs}) n
        ${JOIN('n')};
    insert into sync.sync_runs (job_id, integration_id, org_id, kind, status, started_at, finished_at, duration_ms)
      select id, integration_id, org_id, kind, status, requested_at, finished_at, 20000 from sync.sync_jobs;

    -- At most one open alert per integration and kind: the newest of each.
    insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, status, first_raised_at, last_raised_at, resolved_at)
      select org_id, integration_id, kind, 'warning', 'org_admin', 'Synthetic alert',
             case when newest = 1 then 'open' else 'resolved' end, raised_at - interval '1 hour', raised_at,
             case when newest = 1 then null else raised_at end
        from (select li.org_id, li.integration_id, k.kinds[1 + (n / 40) % 8] as kind, now() - n * interval '1 minute' as raised_at,
                     row_number() over (partition by li.integration_id, (n / 40) % 8 order by n) as newest
                from generate_series(1, ${counts.alerts}) n
                cross join (select array['credentials_failed', 'repeated_failures', 'stale_late', 'stale_error',
                                         'webhook_signature', 'run_held', 'source_write_failed', 'records_quarantined'] as kinds) k
                ${JOIN('n')}) a;

    -- One event a second. The rare type is an admin's rules_changed (one in 40, of no integration);
    -- the rest are the engine's runs and writes and the registry's webhooks.
    insert into sync.audit_events (occurred_at, org_id, integration_id, type, actor_kind, actor_id, actor_label, summary)
      select now() - n * interval '1 second', li.org_id,
             case when (n / 20) % 40 = 0 then null else li.integration_id end,
             case when (n / 20) % 40 = 0 then 'rules_changed' when (n / 40) % 3 = 0 then 'sync_run' when (n / 40) % 3 = 1 then 'webhook' else 'source_write' end,
             case when (n / 20) % 40 = 0 then 'admin' when (n / 40) % 3 = 1 then 'registry' else 'engine' end,
             case when (n / 20) % 40 = 0 then (case when ${ORG_OF('n')} = 1 then '${BIG_ADMIN_ID}' else '${SMALL_ADMIN_ID}' end)::uuid end,
             'Synthetic', 'Synthetic event'
        from generate_series(1, ${counts.auditEvents}) n
        ${JOIN('n')};
  `);
  // Conflicts: a third pending; one in 25 in the rare category (affiliation).
  await db.transaction(async (tx) => {
    await tx.query(`set local session_replication_role = replica`);
    await tx.query(`
      insert into sync.conflicts (org_id, integration_id, member_id, external_id, category, app_value, external_value,
                                  app_changed_at, external_changed_at, rule_resolution, rule_version, proposed_winner,
                                  status, winner, resolved_how, resolved_at, detected_at)
        select li.org_id, li.integration_id, gen_random_uuid(), 'ext-' || n,
               case when (n / 20) % 25 = 1 then 'affiliation' when (n / 60) % 3 = 0 then 'roles'
                    when (n / 60) % 3 = 1 then 'contact_details' else 'membership_status' end,
               '{"affiliation": null}', '{"affiliation": null}', now() - n * interval '2 seconds', now() - n * interval '1 second',
               case when (n / 40) % 3 = 0 then 'manual_review' else 'external_wins' end, 1, 'external',
               case when (n / 40) % 3 = 0 then 'pending' else 'resolved' end,
               case when (n / 40) % 3 = 0 then null else 'external' end,
               case when (n / 40) % 3 = 0 then null else 'rule' end,
               case when (n / 40) % 3 = 0 then null else now() - n * interval '1 second' end,
               now() - n * interval '1 second'
          from generate_series(1, ${counts.conflicts}) n
          ${JOIN('n')}`);
  });
  await db.exec(`analyze sync.organizations, sync.integrations, sync.org_admins, sync.admins, sync.sync_jobs, sync.sync_runs,
                         sync.alerts, sync.audit_events, sync.conflicts`);
  const { rows } = await db.query<{ org_no: number; integration_no: number; org_id: string; integration_id: string }>(
    `select org_no, integration_no, org_id, integration_id from public.list_integrations where org_no in (1, 2, 3) and integration_no = 0 order by org_no`,
  );
  await db.exec(`drop table public.list_integrations`);
  const [big, small, second] = rows;
  if (!big || !small || !second) throw new Error('The organizations were not written');
  return {
    global: { kind: 'user', userId: GLOBAL_ID, email: 'global@lists.invalid' },
    bigAdmin: { kind: 'user', userId: BIG_ADMIN_ID, email: 'big@lists.invalid' },
    smallAdmin: { kind: 'user', userId: SMALL_ADMIN_ID, email: 'small@lists.invalid' },
    bigOrgId: big.org_id,
    smallOrgIds: [small.org_id, second.org_id],
    bigIntegrationId: big.integration_id,
    smallIntegrationId: small.integration_id,
  };
}
