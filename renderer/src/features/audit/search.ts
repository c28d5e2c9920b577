import { z } from 'zod';
import { AuditEventType, type AuditActorFilter } from '../../../../shared/contract/audit.ts';

const Day = z.iso.date();

/** Who did it, as one URL value: `engine`, `registry`, or `admin:<user id>`. */
export const ActorParam = z.union([z.literal('engine'), z.literal('registry'), z.string().regex(/^admin:[0-9a-f-]{36}$/i)]);
export type ActorParam = z.infer<typeof ActorParam>;

/**
 * The audit filters, kept in the URL so they persist while an admin opens entries and comes
 * back. Days are Oslo calendar days (`2026-11-30`); a malformed value falls back to none.
 */
export const AuditSearch = z.object({
  orgId: z.uuid().optional().catch(undefined),
  integrationId: z.uuid().optional().catch(undefined),
  types: z.array(AuditEventType).optional().catch(undefined),
  actor: ActorParam.optional().catch(undefined),
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof AuditSearch>;

/** The URL's actor as `audit.list` takes it. */
export function actorFilterOf(param: ActorParam | undefined): AuditActorFilter | undefined {
  if (param === undefined) return undefined;
  if (param === 'engine' || param === 'registry') return { kind: param };
  const id = param.slice('admin:'.length);
  return z.uuid().safeParse(id).success ? { kind: 'admin', id } : undefined;
}
