import { randomUUID } from 'node:crypto';
import { signCornerstoneWebhook } from '../../sim/cornerstone/webhook-signature.ts';

/**
 * A burst of signed Cornerstone deliveries, as the vendor sends them after a busy moment: each
 * a `member.updated` for a different member with an address no one else has, so each one is
 * applied and none is a replay.
 */

export interface WebhookBurstResult {
  /** How many deliveries got each answer, e.g. `200 applied`, `500 internal`, `no answer`. */
  answers: Map<string, number>;
  wallMs: number;
}

function memberUpdated(memberId: string, email: string): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: 'member.updated',
    occurredAt: now,
    memberId,
    member: {
      memberId,
      firstName: 'Ingrid',
      lastName: 'Bakke',
      email,
      mobile: '+47 480 00 001',
      birthDate: '1990-02-03',
      nationalIdentityNumber: null,
      membershipStatus: 'Aktiv',
      roles: [{ code: 'MEDLEM', name: 'Medlem' }],
      unit: { unitId: 'LL-1103', unitName: 'Stavanger lokallag' },
      lastModified: now,
    },
  });
}

async function deliver(endpoint: string, secret: string, body: string): Promise<string> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cornerstone-signature': signCornerstoneWebhook(secret, body, Math.floor(Date.now() / 1000)) },
      body,
    });
    const answer: unknown = await response.json().catch(() => null);
    const word = typeof answer === 'object' && answer !== null ? ('outcome' in answer ? answer.outcome : 'error' in answer ? answer.error : '') : '';
    return `${response.status} ${String(word)}`.trim();
  } catch {
    return 'no answer';
  }
}

/** One delivery per member in `memberIds`, `concurrency` of them in flight at a time. */
export async function sendWebhookBurst(options: {
  /** e.g. `<function url>/functions/v1/cornerstone-webhook/<integration id>` */
  endpoint: string;
  secret: string;
  memberIds: readonly string[];
  concurrency: number;
  /** Unique per burst, so a second burst to the same members changes them again. */
  tag: string;
}): Promise<WebhookBurstResult> {
  const answers = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let index = next++; index < options.memberIds.length; index = next++) {
      const memberId = options.memberIds[index] ?? '';
      const answer = await deliver(options.endpoint, options.secret, memberUpdated(memberId, `${options.tag}.${index}@example.org`));
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, sender));
  return { answers, wallMs: performance.now() - started };
}
