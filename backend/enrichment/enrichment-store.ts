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
 * Opens the event for one record. Null when the member already has a write under way or done:
 * the partial unique index makes a second login (or two at once) a no-op, not a second write.
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
     on conflict (member_id) where outcome in ('pending', 'written') do nothing
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
 * next sync confirms from the registry; a late-write alert closes once nothing on its
 * integration is late any more. A failed event keeps its place in the console's list until a
 * retry or a later login writes the number.
 */
export async function finishEnrichmentEvent(
  tx: Queryable,
  event: { eventId: string; integrationId: string; memberId: string; outcome: FinalOutcome; at: Date; lateAfterMs: number },
): Promise<void> {
  await tx.query(
    `update sync.enrichment_events
        set outcome = $2, held_until = null, completed_at = case when $2 = 'failed' then completed_at else $3::timestamptz end
      where id = $1`,
    [event.eventId, event.outcome, event.at.toISOString()],
  );
  if (event.outcome === 'failed') return;
  await tx.query(`update sync.members set has_personnummer = true where id = $1 and not has_personnummer`, [event.memberId]);
  const { rows } = await tx.query<{ late: boolean }>(
    `select exists (
       select 1 from sync.enrichment_events
        where integration_id = $1 and outcome in ('pending', 'failed')
          and created_at <= $2::timestamptz - make_interval(secs => $3 / 1000.0)
          and not exists (select 1 from sync.enrichment_events w where w.member_id = enrichment_events.member_id and w.outcome = 'written')
     ) as late`,
    [event.integrationId, event.at.toISOString(), event.lateAfterMs],
  );
  if (rows[0]?.late === false) await resolveAlerts(tx, event.integrationId, ['enrichment_write_late']);
}

/**
 * Pending events whose number no process holds any more (the host stopped, the Edge Function's
 * invocation ended) are failures: the number will come with the member's next login. `memberId`
 * limits it to one member; without it, every orphan (a host starting owns every hold).
 */
export async function failOrphanedEvents(tx: Queryable, at: Date, memberId?: string): Promise<void> {
  await tx.query(
    `update sync.enrichment_events set outcome = 'failed', held_until = null
      where outcome = 'pending' and (held_until is null or held_until < $1 or $3)
        and ($2::uuid is null or member_id = $2::uuid)`,
    [at.toISOString(), memberId ?? null, memberId === undefined],
  );
}

/** Raised when a write is not done 30 s after the login: the registry is down, slow or refusing. */
export async function raiseLateWrite(
  tx: Queryable,
  late: { eventId: string; orgId: string; integrationId: string; externalId: string; errorCode: ErrorCode | null },
): Promise<void> {
  await raiseAlert(tx, {
    orgId: late.orgId,
    integrationId: late.integrationId,
    kind: 'enrichment_write_late',
    severity: 'error',
    actor: 'org_admin',
    message:
      'A personnummer from a Vipps login has not reached the member registry within 30 seconds. ' +
      'It is being retried; the enrichment screen lists it.',
    detail: { eventId: late.eventId, externalId: late.externalId, ...(late.errorCode ? { errorCode: late.errorCode } : {}) },
  });
}
