import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import type { ErrorCode } from '../../shared/domain/errors.ts';
import { raiseAlert, resolveAlerts } from '../engine/alerts.ts';

/**
 * What the enrichment service reads and writes, all as the service: the caller is a member of
 * the app, not an administrator, and row-level security has no policy for them. Nothing here
 * takes or returns the number.
 */

/** A member record a login reached: a person's record in one organization's registry. */
export const LoginTarget = z.object({
  member_id: z.string(),
  org_id: z.string(),
  integration_id: z.string(),
  external_id: z.string(),
  birth_date: z.string().nullable(),
  has_personnummer: z.boolean(),
  enabled: z.boolean(),
  in_baseline: z.boolean(),
});
export type LoginTarget = z.infer<typeof LoginTarget>;

/**
 * Every member record linked to the app user, with the registry it came from and whether its
 * organization has enrichment on. A member in the baseline existed at activation and was 15 or
 * older then; one without a number now had none then, since a number is never removed by us.
 */
export async function findLoginTargets(tx: Queryable, appUserId: string): Promise<LoginTarget[]> {
  const { rows } = await tx.query(
    `select m.id::text as member_id, m.org_id::text as org_id, l.integration_id::text as integration_id,
            l.external_id, to_char(m.birth_date, 'YYYY-MM-DD') as birth_date, m.has_personnummer,
            coalesce(s.enabled, false) as enabled,
            coalesce(m.created_at <= s.activated_at
                     and (m.birth_date is null or m.birth_date <= (s.activated_at at time zone 'Europe/Oslo')::date - interval '15 years'),
                     false) as in_baseline
       from sync.app_user_members u
       join sync.members m on m.id = u.member_id
       join sync.member_links l on l.member_id = m.id
       join sync.integrations i on i.id = l.integration_id and i.enabled
       left join sync.enrichment_settings s on s.org_id = m.org_id
      where u.app_user_id = $1
      order by m.org_id, m.id`,
    [appUserId],
  );
  return rows.map((row) => LoginTarget.parse(row));
}

export type OpenedOutcome = 'pending' | 'needs_review';

/**
 * Opens the event for one record. Null when the member already has a write under way or done, or
 * a birth-date case not yet checked: the partial unique indexes make a second login (or two at
 * once) a no-op, not a second write or a second case.
 */
export async function openEnrichmentEvent(
  tx: Queryable,
  target: LoginTarget,
  event: {
    loginId: string;
    outcome: OpenedOutcome;
    reviewReason: 'birth_date_mismatch' | 'birth_date_missing' | null;
    heldUntil: Date | null;
    at: Date;
  },
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.enrichment_events
       (org_id, integration_id, member_id, login_id, outcome, review_reason, in_baseline, held_until, created_at, completed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $5 = 'needs_review' then $9::timestamptz end)
     on conflict do nothing
     returning id::text as id`,
    [
      target.org_id,
      target.integration_id,
      target.member_id,
      event.loginId,
      event.outcome,
      event.reviewReason,
      target.in_baseline,
      event.heldUntil?.toISOString() ?? null,
      event.at.toISOString(),
    ],
  );
  return rows[0]?.id ?? null;
}

export interface AttemptRecord {
  eventId: string;
  orgId: string;
  at: Date;
  error: { code: ErrorCode; message: string } | null;
}

/** Logs one attempt with the member (its event), the time and the reason, and counts it on the event. */
export async function recordAttempt(tx: Queryable, attempt: AttemptRecord): Promise<void> {
  await tx.query(
    `insert into sync.enrichment_attempts (event_id, org_id, attempted_at, succeeded, error_code, message)
     values ($1, $2, $3, $4, $5, $6)`,
    [attempt.eventId, attempt.orgId, attempt.at.toISOString(), attempt.error === null, attempt.error?.code ?? null, attempt.error?.message ?? null],
  );
  await tx.query(
    `update sync.enrichment_events
        set attempts = attempts + 1,
            last_error_code = coalesce($2, last_error_code),
            last_error_at = case when $2::text is null then last_error_at else $3::timestamptz end
      where id = $1`,
    [attempt.eventId, attempt.error?.code ?? null, attempt.at.toISOString()],
  );
}

export type FinalOutcome = 'written' | 'already_held' | 'failed';

/**
 * Ends an event. A written or already-held number makes the member `has_personnummer`, which the
 * next sync confirms from the registry; the late-write alert closes once nothing on its
 * integration is late or failed any more. A failed event keeps its place in the console's list,
 * and the alert open, until a retry or a later login writes the number.
 */
export async function finishEnrichmentEvent(
  tx: Queryable,
  event: { eventId: string; integrationId: string; memberId: string; outcome: FinalOutcome; at: Date; lateAfterMs: number },
): Promise<void> {
  // Only a pending event ends here: one a sweep has failed since (its hold ran out mid-attempt)
  // stays failed, and the member's next login writes the number instead.
  const { rows: ended } = await tx.query(
    `update sync.enrichment_events
        set outcome = $2, held_until = null, completed_at = case when $2 = 'failed' then completed_at else $3::timestamptz end
      where id = $1 and outcome = 'pending'
      returning 1`,
    [event.eventId, event.outcome, event.at.toISOString()],
  );
  if (event.outcome !== 'failed') {
    await tx.query(`update sync.members set has_personnummer = true where id = $1 and not has_personnummer`, [event.memberId]);
  }
  if (ended.length === 0 || event.outcome === 'failed') return;
  const { rows } = await tx.query<{ late: boolean }>(
    `select exists (
       select 1 from sync.enrichment_events
        where integration_id = $1
          and (outcome = 'failed' or (outcome = 'pending' and created_at <= $2::timestamptz - make_interval(secs => $3 / 1000.0)))
          and not exists (select 1 from sync.enrichment_events w
                           where w.member_id = enrichment_events.member_id and w.outcome in ('written', 'already_held'))
     ) as late`,
    [event.integrationId, event.at.toISOString(), event.lateAfterMs],
  );
  if (rows[0]?.late === false) await resolveAlerts(tx, event.integrationId, ['enrichment_write_late']);
}

/**
 * Pending events whose hold has run out are failures: no process holds their number any more (an
 * Edge Function's invocation ended, or a host stopped), so the member's next login writes it.
 * For one member before a new login opens its event, or for all (the worker's sweep).
 */
export async function failExpiredHolds(tx: Queryable, at: Date, memberId: string | null = null): Promise<number> {
  const { rows } = await tx.query(
    `update sync.enrichment_events set outcome = 'failed', held_until = null
      where outcome = 'pending' and (held_until is null or held_until < $1) and ($2::uuid is null or member_id = $2::uuid)
      returning 1`,
    [at.toISOString(), memberId],
  );
  return rows.length;
}

/**
 * The worker's sweep: writes whose hold ran out without an answer (an Edge Function's invocation
 * ended mid-retry) are failed and alerted, so nothing stays "being written" for ever.
 */
export async function sweepExpiredHolds(tx: Queryable, at: Date): Promise<number> {
  const { rows } = await tx.query<{
    id: string;
    org_id: string;
    integration_id: string;
    external_id: string | null;
    last_error_code: ErrorCode | null;
  }>(
    `update sync.enrichment_events e set outcome = 'failed', held_until = null
      where e.outcome = 'pending' and (e.held_until is null or e.held_until < $1)
      returning e.id::text as id, e.org_id::text as org_id, e.integration_id::text as integration_id, e.last_error_code,
                (select l.external_id from sync.member_links l where l.member_id = e.member_id and l.integration_id = e.integration_id) as external_id`,
    [at.toISOString()],
  );
  for (const row of rows) {
    await raiseLateWrite(tx, {
      eventId: row.id,
      orgId: row.org_id,
      integrationId: row.integration_id,
      externalId: row.external_id ?? '',
      errorCode: row.last_error_code,
    });
  }
  return rows.length;
}

/** Every pending event is a failure when a host that owns the database starts: it held them all, and it stopped. */
export async function failEveryPendingEvent(tx: Queryable): Promise<void> {
  await tx.query(`update sync.enrichment_events set outcome = 'failed', held_until = null where outcome = 'pending'`);
}

/**
 * Raised when a write is not done 30 s after the login, or has stopped: the registry is down,
 * slow or refusing. The event row is locked first, so the alert is raised only while the event is
 * still not written, and a write finishing at the same moment resolves it after, not before.
 */
export async function raiseLateWrite(
  tx: Queryable,
  late: { eventId: string; orgId: string; integrationId: string; externalId: string; errorCode: ErrorCode | null },
): Promise<void> {
  const { rows } = await tx.query(`select 1 from sync.enrichment_events where id = $1 and outcome in ('pending', 'failed') for update`, [
    late.eventId,
  ]);
  if (rows.length === 0) return;
  await raiseAlert(tx, {
    orgId: late.orgId,
    integrationId: late.integrationId,
    kind: 'enrichment_write_late',
    severity: 'error',
    actor: 'org_admin',
    message:
      'A personnummer from a Vipps login has not reached the member registry within 30 seconds. ' +
      'The enrichment screen lists it, with what the registry answered.',
    detail: { eventId: late.eventId, externalId: late.externalId, ...(late.errorCode ? { errorCode: late.errorCode } : {}) },
  });
}

/** The Vipps account the app recorded for the app user, or null when it has none. */
export async function appUserVippsSub(tx: Queryable, appUserId: string): Promise<string | null> {
  const { rows } = await tx.query<{ vipps_sub: string }>(`select vipps_sub from sync.app_user_vipps_accounts where app_user_id = $1`, [appUserId]);
  return rows[0]?.vipps_sub ?? null;
}
