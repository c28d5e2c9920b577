import { randomUUID } from 'node:crypto';
import type { RegisterChange } from './member-register.ts';
import type { CornerstoneMemberRecord, CornerstoneWireMember } from './records.ts';

export type CornerstoneWebhookEventType = 'member.created' | 'member.updated' | 'member.deleted';

/** The JSON body of one webhook delivery. */
export interface CornerstoneWebhookEvent {
  /** Unique per event and the same on every retry or duplicate, so receivers can deduplicate. */
  id: string;
  type: CornerstoneWebhookEventType;
  /** When the change was made, Oslo offset with milliseconds. */
  occurredAt: string;
  memberId: string;
  /** The member as the API would serve it after the change; absent for `member.deleted`. */
  member?: CornerstoneWireMember;
}

const eventTypes = { created: 'member.created', updated: 'member.updated', deleted: 'member.deleted' } as const;

export function webhookEventFor(
  change: RegisterChange,
  serve: (index: number, record: CornerstoneMemberRecord) => CornerstoneWireMember,
): CornerstoneWebhookEvent {
  const base = { id: `evt_${randomUUID()}`, type: eventTypes[change.kind], occurredAt: change.at.iso };
  if (change.kind === 'deleted') return { ...base, memberId: change.memberId };
  return { ...base, memberId: change.record.memberId, member: serve(change.index, change.record) };
}
