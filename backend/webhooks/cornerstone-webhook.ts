import { z } from 'zod';
import type { Db, Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { CredentialBox } from '../crypto/credential-box.ts';
import { parseCornerstoneWebhook, verifyCornerstoneSignature } from '../adapters/cornerstone/webhook.ts';
import type { SourceWebhookEvent } from '../adapters/webhook-event.ts';
import { applySourceRecords } from '../engine/apply-page.ts';
import { applyMemberDeleted } from '../engine/absent-members.ts';
import { loadRuleSet, loadSafetySettings } from '../engine/policy-store.ts';
import { raiseAlert } from '../engine/alerts.ts';
import { recordAuditEvent, tallyAuditEvent } from '../engine/audit.ts';
import { isJsonUtf8 } from './media-type.ts';

export const CORNERSTONE_SIGNATURE_HEADER = 'x-cornerstone-signature';

export interface WebhookRequest {
  /** From the path: /cornerstone-webhook/<integration id>. */
  integrationId: string;
  headers: { get(name: string): string | null };
  /** Null when the body was larger than the cap and was not read. */
  rawBody: string | null;
}

export interface WebhookResponse {
  status: number;
  body: { ok: true; outcome: WebhookOutcome } | { ok: false; error: string };
}

export type WebhookOutcome = 'applied' | 'unchanged' | 'stale' | 'quarantined' | 'conflict';

export interface WebhookDeps {
  db: Db;
  box: CredentialBox;
  now?: () => Date;
  /** How far a signature's timestamp may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
}

const SERVICE = { kind: 'service' } as const;
const Target = z.object({
  id: z.string(),
  org_id: z.string(),
  ciphertext: z.string(),
  key_id: z.string(),
  previous: z.array(z.object({ ciphertext: z.string(), keyId: z.string() })),
});
const uuid = z.uuid();

const refuse = (status: number, error: string): WebhookResponse => ({ status, body: { ok: false, error } });

/**
 * The Cornerstone webhook endpoint, the same in the `cornerstone-webhook` Edge Function and
 * the embedded host. The checks, in order, each with its answer:
 *
 * 1. the integration is a known, enabled Cornerstone integration with a secret: else 404;
 * 2. Content-Type is `application/json` (UTF-8): else 415;
 * 3. the body is at most 64 KiB (the host stops reading past it): else 413;
 * 4. the HMAC-SHA256 signature over `"<t>.<body>"` matches, within five minutes: else 401;
 * 5. the body is JSON: else 400; 6. it is a Cornerstone event: else 422;
 * 7. its event id is new: else 409 (a replay or a redelivery).
 *
 * Nothing about the body is trusted before the signature is checked. A refusal writes no
 * more than a tally: one audit row per integration, refusal and minute counting them, and a
 * signature alert raised at most once a minute per kind, so a flood of refusals by anyone who
 * knows an integration id costs a constant number of rows. Delivery is at least once and in
 * any order: an event id is applied once, and a change older than what we hold is recorded
 * as stale.
 */
export async function handleCornerstoneWebhook(deps: WebhookDeps, request: WebhookRequest): Promise<WebhookResponse> {
  const now = deps.now ?? (() => new Date());
  if (!uuid.safeParse(request.integrationId).success) return refuse(404, 'unknown_integration');
  const found = await asCaller(deps.db, SERVICE, async (tx) => {
    const { rows } = await tx.query(
      `select i.id::text as id, i.org_id, s.ciphertext, s.key_id,
              coalesce((select jsonb_agg(e) from jsonb_array_elements(s.previous_secrets) as e
                         where (e ->> 'validUntil')::timestamptz > now()), '[]'::jsonb) as previous
         from sync.integrations i join sync.webhook_secrets s on s.integration_id = i.id
        where i.id = $1 and i.system = 'cornerstone' and i.enabled and i.webhooks_supported`,
      [request.integrationId],
    );
    return rows[0] ? Target.parse(rows[0]) : null;
  });
  if (!found) return refuse(404, 'unknown_integration');
  // The id as the database writes it: the path's may differ in case, and the tally key must not.
  const target = { orgId: found.org_id, integrationId: found.id };

  const rejected = (status: number, error: string, reason: string, alert = false) =>
    asCaller(deps.db, SERVICE, async (tx) => {
      const occurrences = await tallyAuditEvent(tx, {
        ...target,
        tallyKey: `${target.integrationId}:${error}`,
        type: 'webhook_rejected',
        actor: { kind: 'registry', label: 'Cornerstone webhook' },
        summary: `Cornerstone webhook deliveries refused: ${reason}.`,
        outcome: 'error',
        errorCode: error,
        errorCategory: status === 401 || status === 409 ? 'security' : 'registry',
        detail: { reason },
      });
      // The first of its kind this minute raises the alert (or counts another occurrence of it).
      if (alert && occurrences === 1) {
        await raiseAlert(tx, {
          ...target,
          kind: 'webhook_signature',
          severity: 'error',
          actor: 'org_admin',
          message:
            'Cornerstone webhooks are arriving with signatures that do not match. Check that the webhook secret in Cornerstone is the one saved here; until then changes arrive only with the scheduled syncs.',
          detail: { reason, refusal: error },
        });
      }
      return refuse(status, error);
    });

  if (!isJsonUtf8(request.headers.get('content-type'))) {
    return rejected(415, 'unsupported_media_type', 'the body was not sent as JSON (Content-Type application/json)');
  }
  if (request.rawBody === null) return rejected(413, 'body_too_large', 'the body was larger than allowed');
  const secret = await deps.box.openWebhookSecret({ ciphertext: found.ciphertext, keyId: found.key_id });
  // During a rotation's overlap the replaced secrets still count, until Cornerstone has the new
  // one. One that can no longer be opened (sealed under a retired key) is simply not accepted:
  // it must never stop a delivery signed with the current secret.
  const previous = (await Promise.all(found.previous.map((sealed) => deps.box.openWebhookSecret(sealed).catch(() => null)))).filter(
    (secret): secret is string => secret !== null,
  );
  const signature = await verifyCornerstoneSignature({
    secret,
    alsoAccepted: previous,
    header: request.headers.get(CORNERSTONE_SIGNATURE_HEADER),
    rawBody: request.rawBody,
    nowSeconds: Math.floor(now().getTime() / 1000),
    toleranceSeconds: deps.toleranceSeconds ?? 300,
  });
  if (!signature.ok) {
    const reasons = {
      missing: 'no signature header',
      malformed: 'a malformed signature header',
      stale: 'its timestamp is too old or in the future (a replay, or a clock far off)',
      mismatch: 'the signature does not match the secret',
    } as const;
    return rejected(401, `signature_${signature.reason}`, reasons[signature.reason], signature.reason !== 'stale');
  }

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return rejected(400, 'invalid_json', 'the body is not JSON');
  }
  const parsed = parseCornerstoneWebhook(json);
  if (!parsed.ok) return rejected(422, 'invalid_event', `the event is not in the expected format (${parsed.reason})`);
  const event = parsed.event;

  const outcome = await asCaller(deps.db, SERVICE, async (tx) => {
    const accepted = await tx.query(
      `insert into sync.webhook_events (integration_id, event_id, org_id, occurred_at, external_id, outcome)
       values ($1, $2, $3, $4, $5, 'unchanged') on conflict do nothing`,
      [target.integrationId, event.eventId, target.orgId, event.occurredAt, event.externalId],
    );
    if (accepted.affectedRows === 0) return null;
    const result = await applyEvent(tx, target, event);
    await tx.query(`update sync.webhook_events set outcome = $3 where integration_id = $1 and event_id = $2`, [
      target.integrationId,
      event.eventId,
      result.outcome,
    ]);
    await tx.query(`update sync.integrations set last_webhook_at = now() where id = $1`, [target.integrationId]);
    await recordAuditEvent(tx, {
      ...target,
      id: result.auditId,
      type: 'webhook',
      actor: { kind: 'registry', label: 'Cornerstone webhook' },
      summary: `Cornerstone reported ${event.kind === 'member_deleted' ? 'a deleted' : 'a changed'} member ${event.externalId}: ${result.outcome}.`,
      outcome: result.outcome === 'quarantined' ? 'warning' : 'ok',
      // What happened, as values: the console words it itself.
      detail: { eventId: event.eventId, occurredAt: event.occurredAt, eventKind: event.kind, result: result.outcome },
    });
    return result.outcome;
  });
  if (outcome === null) return rejected(409, 'replayed_event', `event ${event.eventId} was already received`);
  return { status: 200, body: { ok: true, outcome } };
}

async function applyEvent(
  tx: Queryable,
  target: { orgId: string; integrationId: string },
  event: SourceWebhookEvent,
): Promise<{ outcome: WebhookOutcome; auditId: string }> {
  const auditId = crypto.randomUUID();
  const { rows } = await tx.query<{ source_updated_at: Date | string }>(
    `select source_updated_at from sync.member_links where integration_id = $1 and external_id = $2 for update`,
    [target.integrationId, event.externalId],
  );
  const heldSince = rows[0] ? new Date(rows[0].source_updated_at).getTime() : null;
  if (event.kind === 'member_deleted') {
    if (heldSince !== null && new Date(event.occurredAt).getTime() < heldSince) return { outcome: 'stale', auditId };
    const settings = await loadSafetySettings(tx, target.orgId);
    const marked = await applyMemberDeleted(tx, { ...target, eventId: auditId }, settings.absentMemberAction, event.externalId);
    return { outcome: marked > 0 ? 'applied' : 'unchanged', auditId };
  }
  const record = event.record;
  if (record.ok && heldSince !== null && new Date(record.member.sourceUpdatedAt).getTime() <= heldSince) {
    return { outcome: 'stale', auditId };
  }
  const rules = await loadRuleSet(tx, target.orgId);
  const counts = await applySourceRecords(tx, { ...target, runId: null, eventId: auditId }, [record], rules, {
    stageDeactivations: false,
    dryRun: false,
    markSeen: false,
  });
  const outcome: WebhookOutcome =
    counts.quarantined > 0
      ? 'quarantined'
      : counts.conflictsDetected > 0
        ? 'conflict'
        : counts.created + counts.updated + counts.lapsed > 0
          ? 'applied'
          : 'unchanged';
  return { outcome, auditId };
}
