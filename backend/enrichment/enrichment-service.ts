import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { SourceResolver } from '../engine/source-resolver.ts';
import { uuidV7 } from '../../shared/domain/uuid-v7.ts';
import { fodselsnummerBirthDate } from '../../shared/domain/fodselsnummer.ts';
import { appUserVippsSub, failExpiredHolds, findLoginTargets, openEnrichmentEvent, type LoginTarget } from './enrichment-store.ts';
import { SERVICE } from './service-caller.ts';
import { fetchVippsPerson } from './vipps-userinfo.ts';
import { HeldWrites } from './held-writes.ts';
import { DEFAULT_HOLD_MS, DEFAULT_RETRY_DELAYS_MS, LATE_WRITE_MS, realClock, type EnrichmentClock } from './enrichment-clock.ts';

export interface EnrichmentServiceOptions {
  db: Db;
  resolveSource: SourceResolver;
  /** Vipps's userinfo endpoint: `https://api.vipps.no/vipps-userinfo-api/userinfo/` in production. */
  userinfoUrl: string;
  clock?: EnrichmentClock;
  retryDelaysMs?: readonly number[];
  /** How long a number is held for retries; 10 minutes unless the host lives shorter (an Edge Function). */
  holdMs?: number;
  lateAfterMs?: number;
  log?: (line: string) => void;
}

/** What one login led to, per member record, in counts: the app needs no more. */
export interface EnrichmentResult {
  loginId: string;
  /** Member records linked to the app user. */
  records: number;
  written: number;
  /** The registry had a number after all (written by someone else meanwhile): nothing written. */
  alreadyHeld: number;
  /** Still being tried: the first attempt failed and retrying goes on. */
  retrying: number;
  failed: number;
  /** The birth date did not match (or the registry has none): nothing written, listed for review. */
  toReview: number;
  /** The registry already has a number, a write is already under way, or enrichment is off there. */
  skipped: number;
}

export interface EnrichmentService {
  /** The app user's Vipps login: fetch the number from Vipps, match, write. */
  enrich(login: { appUserId: string; vippsAccessToken: string; signal?: AbortSignal }): Promise<EnrichmentResult>;
  /** A retry from the console. */
  retry(eventId: string): Promise<'written' | 'already_held' | 'retrying' | 'failed' | 'not_held'>;
  /** Resolves once every held write has finished (tests; an Edge Function's waitUntil). */
  drained(): Promise<void>;
  /** Resolves once no attempt is running. */
  settled(): Promise<void>;
  readonly held: number;
  close(): void;
}

/** The Vipps account that logged in is not the app user's own. */
export class LoginRefused extends Error {
  constructor() {
    super('The Vipps login is not the app user’s own Vipps account.');
    this.name = 'LoginRefused';
  }
}

const toCount = { written: 'written', already_held: 'alreadyHeld', retrying: 'retrying', failed: 'failed' } as const;

type Decision = { kind: 'skip' } | { kind: 'review'; reason: 'birth_date_mismatch' | 'birth_date_missing' } | { kind: 'write' };

/**
 * The rule for one record, before anything is written. A wrong number on the wrong person is the
 * worst outcome here, so a number goes only where the birth date it encodes is the registry's.
 */
function decide(target: LoginTarget, numberBirthDate: string): Decision {
  if (!target.enabled || target.has_personnummer) return { kind: 'skip' };
  if (target.birth_date === null) return { kind: 'review', reason: 'birth_date_missing' };
  if (target.birth_date !== numberBirthDate) return { kind: 'review', reason: 'birth_date_mismatch' };
  return { kind: 'write' };
}

/**
 * Vipps personnummer enrichment. One instance per host: the embedded demo's main process, the
 * tests' Node host, or one `vipps-enrichment` Edge Function invocation. The number is fetched
 * from Vipps with the member's own access token and lives only in this object's memory.
 */
export function createEnrichmentService(options: EnrichmentServiceOptions): EnrichmentService {
  const clock = options.clock ?? realClock;
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
  const lateAfterMs = options.lateAfterMs ?? LATE_WRITE_MS;
  const writes = new HeldWrites({
    db: options.db,
    resolveSource: options.resolveSource,
    clock,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    lateAfterMs,
    log: options.log ?? ((line) => console.error(line)),
  });

  return {
    async enrich({ appUserId, vippsAccessToken, signal }) {
      const person = await fetchVippsPerson(options.userinfoUrl, vippsAccessToken, signal ? { signal } : {});
      // A valid number always names a date; checked again so the rule below never compares with null.
      const numberBirthDate = fodselsnummerBirthDate(person.nin) ?? '';
      const loginId = uuidV7();
      const loggedInAt = clock.now();
      const heldUntil = loggedInAt + holdMs;
      const result: EnrichmentResult = { loginId, records: 0, written: 0, alreadyHeld: 0, retrying: 0, failed: 0, toReview: 0, skipped: 0 };

      const opened = await asCaller(options.db, SERVICE, async (tx) => {
        // The Vipps account behind the token must be the one the app user signs in with: a token of
        // someone else's (a relative's phone, another app's login) never reaches their records.
        if ((await appUserVippsSub(tx, appUserId)) !== person.sub) throw new LoginRefused();
        const targets = await findLoginTargets(tx, appUserId);
        result.records = targets.length;
        const toWrite: { target: LoginTarget; eventId: string }[] = [];
        for (const target of targets) {
          const decision = decide(target, numberBirthDate);
          if (decision.kind === 'skip') {
            result.skipped += 1;
            continue;
          }
          await failExpiredHolds(tx, new Date(loggedInAt), target.member_id);
          const eventId = await openEnrichmentEvent(tx, target, {
            loginId,
            outcome: decision.kind === 'write' ? 'pending' : 'needs_review',
            reviewReason: decision.kind === 'review' ? decision.reason : null,
            heldUntil: decision.kind === 'write' ? new Date(heldUntil) : null,
            at: new Date(loggedInAt),
          });
          if (eventId === null) result.skipped += 1;
          else if (decision.kind === 'review') result.toReview += 1;
          else toWrite.push({ target, eventId });
        }
        return toWrite;
      });

      const attempts = await Promise.allSettled(
        opened.map(({ target, eventId }) =>
          writes.start({
            eventId,
            orgId: target.org_id,
            integrationId: target.integration_id,
            memberId: target.member_id,
            externalId: target.external_id,
            nin: person.nin,
            loggedInAt,
            heldUntil,
          }),
        ),
      );
      for (const attempt of attempts) result[attempt.status === 'fulfilled' ? toCount[attempt.value] : 'failed'] += 1;
      return result;
    },
    retry: (eventId) => writes.retryNow(eventId),
    drained: () => writes.drained(),
    settled: () => writes.settled(),
    get held() {
      return writes.size;
    },
    close: () => writes.close(),
  };
}
