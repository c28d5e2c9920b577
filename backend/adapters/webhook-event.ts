import type { SourceRecord } from './member-source.ts';

/**
 * One change a registry pushed to us, after its signature was verified and its body parsed.
 * Delivery is at least once and in any order, so the engine deduplicates by `eventId` and
 * applies a change only if its `sourceUpdatedAt` is newer than what it holds.
 */
export type SourceWebhookEvent =
  | {
      eventId: string;
      kind: 'member_changed';
      occurredAt: string;
      externalId: string;
      /** The member as the source holds it now; a record that fails our model is quarantined. */
      record: SourceRecord;
    }
  | {
      eventId: string;
      kind: 'member_deleted';
      occurredAt: string;
      externalId: string;
    };

export type WebhookSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };
