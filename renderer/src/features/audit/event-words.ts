import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventTypes, type AuditEventView } from '../../../../shared/contract/audit.ts';
import { ConflictResolution } from '../../../../shared/domain/conflict-rules.ts';
import { DataCategory } from '../../../../shared/domain/member.ts';
import { ErrorCode } from '../../../../shared/domain/errors.ts';
import { useFormat } from '../../i18n/format.ts';

type RunKind = 'full' | 'delta' | 'preview' | 'unknown';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Full, delta or preview, from the event's detail; an event recorded before it carried them is just "a sync". */
function runKindOf(event: AuditEventView): RunKind {
  const detail = event.detail ?? {};
  if (detail.dryRun === true) return 'preview';
  if (detail.kind === 'full' || detail.kind === 'delta') return detail.kind;
  return 'unknown';
}

/** How a sync run ended: the detail says so; older events are read from their outcome and error. */
function runStatusOf(event: AuditEventView): 'succeeded' | 'awaiting_approval' | 'failed' | 'cancelled' {
  const status = text(event.detail?.status);
  if (status === 'succeeded' || status === 'awaiting_approval' || status === 'failed' || status === 'cancelled') return status;
  if (event.errorCode === 'held_for_approval') return 'awaiting_approval';
  if (event.outcome === 'error') return 'failed';
  return 'succeeded';
}

/** The name of who did it: an admin by name, the sync service, or the registry. */
export function useActorName(): (actor: AuditEventView['actor']) => string {
  const { t } = useTranslation('audit');
  return useCallback(
    (actor) =>
      actor.kind === 'engine' ? t('actor.engine') : actor.kind === 'registry' ? t('actor.registry') : actor.label || t('actor.formerAdmin'),
    [t],
  );
}

const integrationChanges = ['schedule', 'displayName', 'enabled', 'credentials', 'address', 'webhookSecret'] as const;
const isIntegrationChange = (value: unknown): value is (typeof integrationChanges)[number] =>
  typeof value === 'string' && (integrationChanges as readonly string[]).includes(value);

/**
 * What an event was, in the chosen language, built from its type, counts and detail. The
 * backend's English summary is the last resort, for a type this console does not know.
 */
export function useEventWords(): (event: AuditEventView) => string {
  const { t } = useTranslation(['audit', 'common']);
  const format = useFormat();
  return useCallback(
    (event) => {
      const counts = event.counts ?? {};
      const n = (key: string) => format.count(counts[key] ?? 0);
      const errorText = () => {
        const code = ErrorCode.safeParse(event.errorCode);
        return t(`common:errors.${code.success ? code.data : 'internal'}`).replace(/\.$/, '');
      };
      const category = () => {
        const parsed = DataCategory.safeParse(event.detail?.category);
        return parsed.success ? t(`categories.${parsed.data}`) : null;
      };
      const what = () => t(`runKind.${runKindOf(event)}`);
      switch (event.type) {
        case 'sync_run': {
          const status = runStatusOf(event);
          if (status === 'awaiting_approval') return t('words.runHeld', { what: what() });
          if (status === 'failed') return t('words.runFailed', { what: what(), error: errorText() });
          if (status === 'cancelled') return t('words.runCancelled', { what: what(), seen: n('seen') });
          const parts: string[] = [t('words.runCounts', { what: what(), seen: n('seen'), created: n('created'), updated: n('updated') })];
          if ((counts.lapsed ?? 0) > 0) parts.push(t('words.runLapsed', { count: counts.lapsed ?? 0 }));
          if ((counts.removed ?? 0) > 0) parts.push(t('words.runRemoved', { count: counts.removed ?? 0 }));
          if ((counts.quarantined ?? 0) > 0) parts.push(t('words.runQuarantined', { count: counts.quarantined ?? 0 }));
          if ((counts.conflicts ?? 0) > 0) parts.push(t('words.runConflicts', { count: counts.conflicts ?? 0 }));
          return parts.join(', ');
        }
        case 'webhook': {
          const result = text(event.detail?.result);
          const known = result === 'applied' || result === 'unchanged' || result === 'stale' || result === 'quarantined' || result === 'conflict';
          const change = event.detail?.eventKind === 'member_deleted' ? t('words.webhookDeleted') : t('words.webhook');
          return known ? `${change}: ${t(`words.webhookResult.${result}`)}` : change;
        }
        case 'webhook_rejected':
          return t('words.webhookRejected', { count: counts.occurrences ?? 1 });
        case 'conflict_resolved':
        case 'conflict_override': {
          const cat = category();
          const winner = event.detail?.winner;
          if (cat === null || (winner !== 'app' && winner !== 'external')) return t('words.conflictSettled');
          const key = event.type === 'conflict_resolved' ? 'words.conflictResolved' : 'words.conflictOverride';
          return t(key, { category: cat, winner: t(`words.winner.${winner}`) });
        }
        case 'run_approved':
          return t('words.runApproved', { lapsed: n('lapsed'), removed: n('removed'), updated: n('updated') });
        case 'run_rejected':
          return t('words.runRejected');
        case 'rules_changed': {
          const cat = category();
          const from = ConflictResolution.safeParse(event.detail?.from);
          const to = ConflictResolution.safeParse(event.detail?.to);
          if (cat === null || !from.success || !to.success) return t('words.rulesChangedPlain');
          return t('words.rulesChanged', { category: cat, from: t(`resolutions.${from.data}`), to: t(`resolutions.${to.data}`) });
        }
        case 'settings_changed':
          return t('words.settingsChanged');
        case 'integration_changed': {
          const changes = Array.isArray(event.detail?.changes) ? event.detail.changes.filter(isIntegrationChange) : [];
          if (event.detail?.changes === undefined) return t('words.integrationChanged');
          if (Array.isArray(event.detail.changes) && event.detail.changes.includes('created')) return t('words.integrationCreated');
          if (changes.length === 0) return t('words.integrationChanged');
          return t('words.integrationSettingsChanged', { changes: changes.map((change) => t(`integrationChanges.${change}`)).join(', ') });
        }
        case 'organization_onboarded':
          return t('words.organizationOnboarded', { name: text(event.detail?.name) ?? '' });
        case 'source_write':
          return event.outcome === 'error' ? t('words.sourceWriteFailed', { error: errorText() }) : t('words.sourceWrite');
        case 'alert_acknowledged':
          return t('words.alertAcknowledged');
        case 'sync_cancelled':
          return t('words.syncCancelled', { what: what() });
        case 'enrichment_changed':
          // A new basis is recorded when it is first switched on, when it is switched on again with other words, and when it is reworded while on.
          if (event.detail?.enabled === false) return t('words.enrichmentOff');
          return event.detail?.legalBasisChanged === true ? t('words.enrichmentNewBasis') : t('words.enrichmentOn');
        default:
          return event.summary;
      }
    },
    [t, format],
  );
}

/** The kinds of event, in the order the filter offers them. */
export const AUDIT_TYPES = auditEventTypes;
