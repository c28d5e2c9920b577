import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin } from './admins.ts';
import { withServiceRole } from './service-role.ts';
import { readIntegrationRow, readIntegrationSettings } from './integration-view.ts';

/** 32 random bytes as hex, with a prefix that tells an admin what it is when they paste it. */
function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `integrations.rotateWebhookSecret`: a new Cornerstone signing secret, returned once and stored
 * only sealed. The secret it replaces stays accepted for `overlapHours`, so deliveries signed
 * before the admin has entered the new one in Cornerstone still apply; with no overlap it stops
 * at once. The admin must administer the integration (RLS, else not_found).
 */
export function registerWebhookSecretHandlers(router: Router<Operations, BackendContext>): void {
  router.register('integrations.rotateWebhookSecret', async ({ integrationId, overlapHours }, { db, caller, setup }) => {
    requireUser(caller);
    const secret = newWebhookSecret();
    const sealed = await setup.box.sealWebhookSecret(secret);
    const webhooks = await asCaller(db, caller, async (tx) => {
      const row = await readIntegrationRow(tx, integrationId, true);
      if (row.system !== 'cornerstone' || !row.webhooks_supported) {
        throw new AppError(
          'conflict',
          `${row.display_name} cannot receive webhooks: this registry does not send them, so changes arrive with the scheduled syncs.`,
          'org_admin',
        );
      }
      const admin = await actingAdmin(tx);
      await withServiceRole(tx, async (service) => {
        const { rows } = await service.query<{ replaced: boolean }>(
          // The replaced secret joins the still-valid older ones for the overlap (newest first, at
          // most three); with no overlap every older secret stops at once, as after a leak.
          `insert into sync.webhook_secrets as s (integration_id, ciphertext, key_id) values ($1, $2, $3)
           on conflict (integration_id) do update
              set previous_secrets = case when $4 > 0 then (
                    select coalesce(jsonb_agg(kept.e order by kept.until desc), '[]'::jsonb)
                      from (select e, (e ->> 'validUntil')::timestamptz as until
                              from (select jsonb_build_object('ciphertext', s.ciphertext, 'keyId', s.key_id,
                                                              'validUntil', now() + make_interval(hours => $4)) as e
                                    union all
                                    select e from jsonb_array_elements(s.previous_secrets) as e
                                     where (e ->> 'validUntil')::timestamptz > now()) as candidates
                             order by until desc limit 3) as kept)
                  else '[]'::jsonb end,
                  ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_at = now()
           returning (xmax::text <> '0') as replaced`,
          [integrationId, sealed.ciphertext, sealed.keyId, overlapHours],
        );
        const wasReplaced = rows[0]?.replaced === true;
        await recordAuditEvent(service, {
          orgId: row.org_id,
          integrationId,
          type: 'integration_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: !wasReplaced
            ? `${admin.label} made a webhook secret for ${row.display_name}.`
            : overlapHours > 0
              ? `${admin.label} replaced the webhook secret of ${row.display_name}; the old one is accepted for ${overlapHours} more hours.`
              : `${admin.label} replaced the webhook secret of ${row.display_name}; the old one stopped working at once.`,
          detail: { changes: ['webhookSecret'], webhookSecret: 'changed', overlapHours: wasReplaced ? overlapHours : 0 },
        });
      });
      return (await readIntegrationSettings(tx, integrationId, setup)).webhooks;
    });
    return { secret, webhooks };
  });
}
