import { z } from 'zod';
import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { SourceError, type MemberSource } from '../adapters/member-source.ts';
import { MemberPatch } from '../../shared/domain/member-patch.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { applySourceRecords } from './apply-page.ts';
import { loadRuleSet } from './policy-store.ts';
import { raiseAlert } from './alerts.ts';
import { errorCategoryOf, recordAuditEvent } from './audit.ts';
import type { SourceResolver } from './source-resolver.ts';

/** A write that failed this many times, or failed for good, is given up and alerted. */
export const MAX_WRITE_ATTEMPTS = 5;
/** How long a claimed write is held before another worker may retry it. */
const CLAIM_SECONDS = 60;

const PendingWrite = z.object({
  id: z.string(),
  integration_id: z.string(),
  org_id: z.string(),
  external_id: z.string(),
  category: z.string(),
  patch: MemberPatch,
  attempts: z.number(),
});
type PendingWrite = z.infer<typeof PendingWrite>;

const SERVICE = { kind: 'service' } as const;

/**
 * Sends the registry the app values that won conflicts. Each write is claimed for a while,
 * called outside any transaction (a slow registry must not hold a database connection), and
 * then the registry's answer is applied like any registry change, which settles the app's
 * pending edit because both sides now agree.
 */
export async function drainSourceWrites(
  db: Db,
  resolveSource: SourceResolver,
  options: { deadline: number; limit?: number; shouldStop?: () => boolean },
): Promise<{ done: number; failed: number }> {
  const claimed = await asCaller(db, SERVICE, async (tx) => {
    const { rows } = await tx.query(
      `update sync.source_writes w
          set attempts = w.attempts + 1, not_before = now() + make_interval(secs => $2)
        where w.id in (select id from sync.source_writes
                        where status = 'pending' and not_before <= now()
                        order by not_before for update skip locked limit $1)
        returning w.id, w.integration_id, w.org_id, w.external_id, w.category, w.patch, w.attempts`,
      [options.limit ?? 50, CLAIM_SECONDS],
    );
    return rows.map((row) => PendingWrite.parse(row));
  });
  const sources = new Map<string, Promise<MemberSource>>();
  let done = 0;
  let failed = 0;
  for (const [index, write] of claimed.entries()) {
    if (Date.now() >= options.deadline || options.shouldStop?.() === true) {
      await releaseUntried(db, claimed.slice(index));
      break;
    }
    let source = sources.get(write.integration_id);
    if (!source) {
      source = resolveSource(write.integration_id);
      sources.set(write.integration_id, source);
    }
    try {
      const record = await (await source).updateMember(write.external_id, write.patch);
      await asCaller(db, SERVICE, async (tx) => {
        const eventId = crypto.randomUUID();
        const rules = await loadRuleSet(tx, write.org_id);
        await applySourceRecords(tx, { integrationId: write.integration_id, orgId: write.org_id, runId: null, eventId }, [record], rules, {
          stageDeactivations: false,
          dryRun: false,
          markSeen: false,
        });
        await tx.query(`update sync.source_writes set status = 'done', finished_at = now(), error_code = null, error_message = null where id = $1`, [
          write.id,
        ]);
        await recordAuditEvent(tx, {
          id: eventId,
          orgId: write.org_id,
          integrationId: write.integration_id,
          type: 'source_write',
          actor: { kind: 'engine', label: 'Sync engine' },
          summary: `Wrote the app's ${write.category.replace('_', ' ')} for member ${write.external_id} to the registry.`,
          detail: { writeId: write.id, fields: Object.keys(write.patch) },
        });
      });
      done++;
    } catch (error) {
      await recordFailure(db, write, error);
      failed++;
    }
  }
  return { done, failed };
}

/**
 * Writes claimed but never tried (the invocation ran out of time or CPU first) go back as they
 * were: the claim's attempt is not one, so a write that keeps failing still gets all its tries.
 */
async function releaseUntried(db: Db, writes: readonly PendingWrite[]): Promise<void> {
  await asCaller(db, SERVICE, (tx) =>
    tx.query(`update sync.source_writes set attempts = attempts - 1, not_before = now() where id = any($1::uuid[]) and status = 'pending'`, [
      writes.map((write) => write.id),
    ]),
  );
}

async function recordFailure(db: Db, write: PendingWrite, error: unknown): Promise<void> {
  const code = error instanceof SourceError || error instanceof AppError ? error.code : 'internal';
  const message = error instanceof SourceError || error instanceof AppError ? error.message : 'An error on our side stopped the write.';
  const retryable = error instanceof SourceError && error.retryable && write.attempts < MAX_WRITE_ATTEMPTS;
  await asCaller(db, SERVICE, async (tx) => {
    await tx.query(
      `update sync.source_writes
          set status = $2, error_code = $3, error_message = $4,
              not_before = now() + make_interval(secs => $5), finished_at = case when $2 = 'failed' then now() end
        where id = $1`,
      [write.id, retryable ? 'pending' : 'failed', code, message, 30 * 2 ** write.attempts],
    );
    if (retryable) return;
    await recordAuditEvent(tx, {
      orgId: write.org_id,
      integrationId: write.integration_id,
      type: 'source_write',
      actor: { kind: 'engine', label: 'Sync engine' },
      summary: `Could not write the app's ${write.category.replace('_', ' ')} for member ${write.external_id} to the registry: ${message}`,
      outcome: 'error',
      errorCode: code,
      errorCategory: errorCategoryOf(code),
      detail: { writeId: write.id },
    });
    // The conflict whose decision the write carried, so the alert can lead straight to it: the
    // latest of the rule's conflicts that share this outbox row, or the admin's own.
    const { rows: conflicts } = await tx.query<{ id: string | null }>(
      `select coalesce(
                (select w.conflict_id from sync.source_writes w where w.id = $1),
                (select c.id from sync.conflicts c where c.source_write_id = $1 order by c.detected_at desc limit 1)) as id`,
      [write.id],
    );
    const conflictId = conflicts[0]?.id ?? null;
    await raiseAlert(tx, {
      orgId: write.org_id,
      integrationId: write.integration_id,
      kind: 'source_write_failed',
      severity: 'error',
      actor: error instanceof SourceError ? error.actor : 'operator',
      message: `A change the app's value won could not be written to the registry (member ${write.external_id}): ${message}`,
      detail: {
        writeId: write.id,
        externalId: write.external_id,
        category: write.category,
        errorCode: code,
        ...(conflictId ? { conflictId } : {}),
      },
    });
  });
}
