import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { EnrichmentEventView, UpdateEnrichmentSettingsInput } from '../../shared/contract/enrichment.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs, requireVisibleOrg } from './admins.ts';
import { withServiceRole } from './service-role.ts';
import { decodeTimeCursor, keysetTime, pageFrom } from './paging.ts';
import { errorCodeOf, notFound, toIso, toIsoRequired } from './rows.ts';
import { countBaseline, readEnrichmentOverview } from './enrichment-stats.ts';

interface EventRow {
  id: string;
  org_id: string;
  integration_id: string;
  system: 'cornerstone' | 'consio';
  member_id: string;
  member_name: string;
  external_id: string | null;
  outcome: EnrichmentEventView['outcome'];
  review_reason: EnrichmentEventView['reviewReason'];
  created_at: unknown;
  completed_at: unknown;
  attempts: number;
  last_error_code: string | null;
  last_error_at: unknown;
  held_until: unknown;
  reviewed_by: string | null;
  reviewed_at: unknown;
  recent: { at: string; succeeded: boolean; code: string | null; message: string | null }[] | null;
  key_at: string;
}

// Read as the caller: row-level security on events, members and integrations scopes every join.
const EVENT_SELECT = `
  select e.id::text as id, e.org_id::text as org_id, e.integration_id::text as integration_id, i.system,
         e.member_id::text as member_id, m.first_name || ' ' || m.last_name as member_name,
         (select l.external_id from sync.member_links l where l.member_id = e.member_id and l.integration_id = e.integration_id) as external_id,
         e.outcome, e.review_reason, e.created_at, e.completed_at, e.attempts, e.last_error_code, e.last_error_at,
         -- A hold that has passed is no hold, whatever process was meant to end it.
         case when e.held_until > now() then e.held_until end as held_until,
         e.reviewed_by::text as reviewed_by, e.reviewed_at,
         (select jsonb_agg(jsonb_build_object('at', ${keysetTime('a.attempted_at')}, 'succeeded', a.succeeded,
                                              'code', a.error_code, 'message', a.message) order by a.attempted_at desc)
            from (select * from sync.enrichment_attempts a where a.event_id = e.id order by a.attempted_at desc limit 10) a) as recent,
         ${keysetTime('e.created_at')} as key_at
    from sync.enrichment_events e
    join sync.members m on m.id = e.member_id
    join sync.integrations i on i.id = e.integration_id`;

const LIST_WHERE = {
  // Not yet written, and no later login has written the number either.
  failures: `e.outcome in ('pending', 'failed')
             and not exists (select 1 from sync.enrichment_events w
                              where w.member_id = e.member_id and w.outcome in ('written', 'already_held'))`,
  reviews: `e.outcome = 'needs_review' and e.reviewed_at is null`,
} as const;

async function toEventViews(tx: Queryable, rows: readonly EventRow[]): Promise<EnrichmentEventView[]> {
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.reviewed_by),
  );
  return rows.map((row) => ({
    eventId: row.id,
    orgId: row.org_id,
    integrationId: row.integration_id,
    system: row.system,
    memberId: row.member_id,
    memberName: row.member_name,
    externalId: row.external_id,
    outcome: row.outcome,
    reviewReason: row.review_reason,
    loggedInAt: toIsoRequired(row.created_at),
    completedAt: toIso(row.completed_at),
    attempts: row.attempts,
    lastErrorCode: errorCodeOf(row.last_error_code),
    lastErrorAt: toIso(row.last_error_at),
    heldUntil: toIso(row.held_until),
    reviewedBy: adminRefOf(refs, row.reviewed_by),
    reviewedAt: toIso(row.reviewed_at),
    recentAttempts: (row.recent ?? []).map((attempt) => ({
      attemptedAt: toIsoRequired(attempt.at),
      succeeded: attempt.succeeded,
      errorCode: errorCodeOf(attempt.code),
      message: attempt.message,
    })),
  }));
}

async function readEvent(tx: Queryable, eventId: string): Promise<EnrichmentEventView> {
  const { rows } = await tx.query<EventRow>(`${EVENT_SELECT} where e.id = $1`, [eventId]);
  const [view] = await toEventViews(tx, rows);
  if (!view) throw notFound('The enrichment');
  return view;
}

async function isGlobalAdmin(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ global: boolean }>(`select sync.is_global_admin() as global`);
  return rows[0]?.global === true;
}

export function registerEnrichmentHandlers(router: Router<Operations, BackendContext>): void {
  router.register('enrichment.overview', async ({ orgId }, { db, caller }) => {
    requireUser(caller);
    return asCaller(db, caller, async (tx) => {
      if (orgId !== undefined) await requireVisibleOrg(tx, orgId);
      return readEnrichmentOverview(tx, orgId ?? null, await isGlobalAdmin(tx));
    });
  });

  router.register('enrichment.list', async ({ orgId, list, cursor, limit }, { db, caller }) => {
    requireUser(caller);
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      const { rows } = await tx.query<EventRow>(
        `${EVENT_SELECT}
          where ${LIST_WHERE[list]}
            and ($1::uuid is null or e.org_id = $1::uuid)
            and ($2::timestamptz is null or (e.created_at, e.id) < ($2::timestamptz, $3::uuid))
          order by e.created_at desc, e.id desc
          limit $4`,
        [orgId ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
      );
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: await toEventViews(tx, page.rows), nextCursor: page.nextCursor };
    });
  });

  router.register('enrichment.retry', async ({ eventId }, { db, caller, enrichment }) => {
    requireUser(caller);
    // Visible to the caller, and a write that is not done: else there is nothing to retry.
    const before = await asCaller(db, caller, (tx) => readEvent(tx, eventId));
    if (before.outcome !== 'pending' && before.outcome !== 'failed') {
      throw new AppError('conflict', 'This number is no longer waiting to be written.', 'org_admin');
    }
    const attempt = enrichment ? await enrichment.retry(eventId) : 'not_held';
    // The registry holding a number after all is as done as a write, for whoever pressed Retry.
    const result = attempt === 'already_held' ? 'written' : attempt;
    return { result, event: await asCaller(db, caller, (tx) => readEvent(tx, eventId)) };
  });

  router.register('enrichment.markReviewed', async ({ eventId }, { db, caller }) => {
    const user = requireUser(caller);
    return asCaller(db, caller, async (tx) => {
      const event = await readEvent(tx, eventId);
      if (event.outcome !== 'needs_review') throw new AppError('conflict', 'Only a birth-date case can be marked as checked.', 'org_admin');
      if (event.reviewedAt !== null) return event;
      await tx.query(`update sync.enrichment_events set reviewed_by = $2, reviewed_at = now() where id = $1`, [eventId, user.userId]);
      return readEvent(tx, eventId);
    });
  });

  router.register('enrichment.updateSettings', async (input, { db, caller }) => {
    requireUser(caller);
    return asCaller(db, caller, async (tx) => {
      // Read as the caller: another organization's is not_found, as for any row.
      await requireVisibleOrg(tx, input.orgId);
      const admin = await actingAdmin(tx);
      const { rows } = await tx.query<{ enabled: boolean; legal_basis: string | null; activated_at: unknown }>(
        `select enabled, legal_basis, activated_at from sync.enrichment_settings where org_id = $1`,
        [input.orgId],
      );
      const before = rows[0] ?? null;
      const wasEnabled = before?.enabled ?? false;
      const basisChanged = input.enabled && input.legalBasis !== before?.legal_basis;
      if (input.enabled !== wasEnabled || basisChanged) {
        // Counted as the caller, whose row-level security reads exactly their organization's members.
        const baseline = input.enabled && (before?.activated_at ?? null) === null ? await countBaseline(tx, input.orgId) : null;
        await withServiceRole(tx, async (service) => {
          await writeSettings(service, input, admin.userId, baseline);
          await recordAuditEvent(service, {
            orgId: input.orgId,
            type: 'enrichment_changed',
            actor: { kind: 'admin', id: admin.userId, label: admin.label },
            summary: !input.enabled
              ? `${admin.label} switched Vipps enrichment off.`
              : wasEnabled
                ? `${admin.label} changed the legal basis for Vipps enrichment.`
                : `${admin.label} switched Vipps enrichment on.`,
            detail: { enabled: input.enabled, legalBasisChanged: basisChanged },
          });
        });
      }
      const overview = await readEnrichmentOverview(tx, input.orgId, false);
      const org = overview.organizations[0];
      if (!org) throw notFound('The organization');
      return org;
    });
  });
}

/**
 * The switch, as the service. Switching on (or changing the basis) names the caller as the one who
 * did it, now; the first activation also fixes the baseline. Switching off keeps who last
 * switched it on and the basis, so switching on again shows what was relied on before.
 */
async function writeSettings(
  tx: Queryable,
  input: UpdateEnrichmentSettingsInput,
  adminId: string,
  baseline: { missing: number; under15: number } | null,
): Promise<void> {
  if (!input.enabled) {
    await tx.query(`update sync.enrichment_settings set enabled = false, changed_at = now() where org_id = $1`, [input.orgId]);
    return;
  }
  await tx.query(
    `insert into sync.enrichment_settings as s
       (org_id, enabled, legal_basis, enabled_by, enabled_at, changed_at, activated_at, baseline_missing, baseline_under_15)
     values ($1, true, $2, $3, now(), now(), now(), $4, $5)
     on conflict (org_id) do update
        set enabled = true, legal_basis = excluded.legal_basis, enabled_by = excluded.enabled_by, enabled_at = now(),
            changed_at = now(), activated_at = coalesce(s.activated_at, now()),
            baseline_missing = coalesce(s.baseline_missing, excluded.baseline_missing),
            baseline_under_15 = coalesce(s.baseline_under_15, excluded.baseline_under_15)`,
    [input.orgId, input.legalBasis, adminId, baseline?.missing ?? null, baseline?.under15 ?? null],
  );
}
