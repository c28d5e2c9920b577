import type { Queryable } from '../db/port.ts';
import type { EnrichmentOverview, OrgEnrichment } from '../../shared/contract/enrichment.ts';
import { adminRefOf, adminRefs } from './admins.ts';
import { toIso } from './rows.ts';

interface OrgRow {
  org_id: string;
  org_name: string;
  enabled: boolean | null;
  legal_basis: string | null;
  enabled_by: string | null;
  enabled_at: unknown;
  activated_at: unknown;
  baseline_missing: number | null;
  baseline_under_15: number | null;
  enriched: number;
  enriched_from_baseline: number;
  under_15_missing: number;
  latest_at: unknown;
  pending: number;
  failed: number;
  to_review: number;
  weekly: { week: string; enriched: number }[] | null;
}

// Counts come back as bigint (text on node-postgres); the select casts each to int.
const ORG_STATS = `
  select o.id::text as org_id, o.name as org_name, s.enabled, s.legal_basis, s.enabled_by::text as enabled_by,
         s.enabled_at, s.activated_at, s.baseline_missing, s.baseline_under_15,
         (select count(*)::int from sync.enrichment_events e where e.org_id = o.id and e.outcome = 'written') as enriched,
         (select count(*)::int from sync.enrichment_events e where e.org_id = o.id and e.outcome = 'written' and e.in_baseline)
           as enriched_from_baseline,
         (select count(*)::int from sync.members m
           where m.org_id = o.id and not m.has_personnummer and m.status in ('active', 'pending')
             and m.birth_date > (now() at time zone 'Europe/Oslo')::date - interval '15 years') as under_15_missing,
         (select max(e.completed_at) from sync.enrichment_events e where e.org_id = o.id and e.outcome = 'written') as latest_at,
         (select count(*)::int from sync.enrichment_events e where e.org_id = o.id and e.outcome = 'pending') as pending,
         (select count(*)::int from sync.enrichment_events e
           where e.org_id = o.id and e.outcome = 'failed'
             and not exists (select 1 from sync.enrichment_events w
                              where w.member_id = e.member_id and w.outcome in ('written', 'already_held'))) as failed,
         (select count(*)::int from sync.enrichment_events e
           where e.org_id = o.id and e.outcome = 'needs_review' and e.reviewed_at is null) as to_review,
         -- Every week from activation to now, empty ones too, so the timeline has no gaps.
         (select jsonb_agg(jsonb_build_object('week', to_char(w.week, 'YYYY-MM-DD'), 'enriched', coalesce(c.enriched, 0)) order by w.week)
            from generate_series(date_trunc('week', s.activated_at at time zone 'Europe/Oslo'),
                                 date_trunc('week', now() at time zone 'Europe/Oslo'), interval '1 week') as w (week)
            left join (select date_trunc('week', e.completed_at at time zone 'Europe/Oslo') as week, count(*)::int as enriched
                         from sync.enrichment_events e
                        where e.org_id = o.id and e.outcome = 'written'
                        group by 1) as c on c.week = w.week) as weekly
    from sync.organizations o
    left join sync.enrichment_settings s on s.org_id = o.id
   where ($1::uuid is null or o.id = $1::uuid)
   order by o.name, o.id`;

const percentOf = (part: number, whole: number | null): number | null =>
  whole === null || whole === 0 ? null : Math.min(100, Math.round((part / whole) * 1000) / 10);

/**
 * The enrichment figures for every organization the caller can see (row-level security on each
 * table decides: an org admin's counts include only their organizations' rows), and for a global
 * admin their sum. The percentage leaves out members under 15, who cannot use Vipps Login.
 */
export async function readEnrichmentOverview(tx: Queryable, orgId: string | null, global: boolean): Promise<EnrichmentOverview> {
  const { rows } = await tx.query<OrgRow>(ORG_STATS, [orgId]);
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.enabled_by),
  );
  const organizations: OrgEnrichment[] = rows.map((row) => ({
    orgId: row.org_id,
    orgName: row.org_name,
    settings: {
      enabled: row.enabled ?? false,
      legalBasis: row.legal_basis,
      enabledBy: adminRefOf(refs, row.enabled_by),
      enabledAt: toIso(row.enabled_at),
      activatedAt: toIso(row.activated_at),
    },
    stats: {
      baselineMissing: row.baseline_missing,
      baselineUnder15: row.baseline_under_15,
      enriched: row.enriched,
      enrichedFromBaseline: row.enriched_from_baseline,
      percentFilled: percentOf(row.enriched_from_baseline, row.baseline_missing),
      under15Missing: row.under_15_missing,
      latestEnrichmentAt: toIso(row.latest_at),
      weekly: (row.weekly ?? []).slice(-600).map((week) => ({ weekStart: week.week, enriched: week.enriched })),
      pending: row.pending,
      failed: row.failed,
      toReview: row.to_review,
    },
  }));
  if (!global || orgId !== null) return { organizations, total: null };
  const sum = (pick: (org: OrgEnrichment) => number) => organizations.reduce((total, org) => total + pick(org), 0);
  const baselineMissing = sum((org) => org.stats.baselineMissing ?? 0);
  const enrichedFromBaseline = sum((org) => org.stats.enrichedFromBaseline);
  const latest = organizations
    .map((org) => org.stats.latestEnrichmentAt)
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);
  return {
    organizations,
    total: {
      baselineMissing,
      enriched: sum((org) => org.stats.enriched),
      enrichedFromBaseline,
      percentFilled: percentOf(enrichedFromBaseline, baselineMissing),
      under15Missing: sum((org) => org.stats.under15Missing),
      latestEnrichmentAt: latest ?? null,
    },
  };
}

/**
 * The baseline, counted as the admin switching enrichment on (their row-level security reads
 * their organization's members): members without a number, 15 or older, and under 15.
 */
export async function countBaseline(tx: Queryable, orgId: string): Promise<{ missing: number; under15: number }> {
  const { rows } = await tx.query<{ missing: number; under_15: number }>(
    `select count(*) filter (where birth_date is null or birth_date <= (now() at time zone 'Europe/Oslo')::date - interval '15 years')::int as missing,
            count(*) filter (where birth_date > (now() at time zone 'Europe/Oslo')::date - interval '15 years')::int as under_15
       from sync.members
      where org_id = $1 and not has_personnummer and status in ('active', 'pending')`,
    [orgId],
  );
  return { missing: rows[0]?.missing ?? 0, under15: rows[0]?.under_15 ?? 0 };
}
