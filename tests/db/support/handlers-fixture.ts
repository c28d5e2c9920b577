import type { Caller, Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../../backend/db/demo-seed.ts';
import { claimNextJob } from '../../../backend/engine/job-store.ts';
import { runJob } from '../../../backend/engine/run-job.ts';
import type { JobOutcome } from '../../../backend/engine/slice-options.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';
import { createRouter } from '../../../backend/rpc/router.ts';
import { registerBackendHandlers } from '../../../backend/handlers/index.ts';
import type { BackendContext } from '../../../backend/handlers/context.ts';
import { createRegistrySetup, type RegistrySetup } from '../../../backend/handlers/registry-setup.ts';
import { createCredentialBox, generateCredentialKey } from '../../../backend/crypto/credential-box.ts';
import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import type { InputOf, OutputOf } from '../../../shared/contract/operation.ts';
import { operations, type OperationName, type Operations } from '../../../shared/contract/operations.ts';
import { SERVICE } from './engine-fixture.ts';

/** Ola administers Norsk Friluftslag, Kari Ungdom i Bevegelse; Gunn is a global admin; the stranger administers nothing. */
export const OLA: Caller = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' };
export const KARI: Caller = { kind: 'user', userId: DEMO_IDS.admins.kari, email: 'kari@demo.local' };
export const GLOBAL: Caller = { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' };
export const STRANGER: Caller = { kind: 'user', userId: '9a9a9a9a-0000-4000-8000-000000000009', email: 'nobody@example.no' };

export const OWN = { integrationId: DEMO_IDS.integrations.friluftslagCornerstone, orgId: DEMO_IDS.organizations.friluftslag };
export const OTHER = { integrationId: DEMO_IDS.integrations.ungdomCornerstone, orgId: DEMO_IDS.organizations.ungdom };

export interface HandlerCalls {
  /** The router's answer, exactly as the renderer gets it. */
  call(caller: Caller, operation: OperationName, input: unknown): Promise<BridgeResult>;
  /** The value of a call that must succeed, typed from the contract. */
  ok<K extends OperationName>(caller: Caller, operation: K, input: InputOf<Operations, K>): Promise<OutputOf<Operations, K>>;
}

let ownSetup: Promise<RegistrySetup> | null = null;
/** For tests that set no integration up: a real setup all the same, with a key of its own, allowing the simulators' loopback http. */
const defaultSetup = (): Promise<RegistrySetup> =>
  (ownSetup ??= createCredentialBox({ keyId: 'handlers', keyBase64: generateCredentialKey() }).then((box) =>
    createRegistrySetup(box, { allowLoopbackHttp: true }),
  ));

/** The real router with every backend handler, over `db`; `setup` seals with the fixture's own key where credentials are saved. */
export function handlerCalls(
  db: () => Db,
  resolveSource: SourceResolver,
  setup: () => RegistrySetup | Promise<RegistrySetup> = defaultSetup,
  enrichment: () => BackendContext['enrichment'] = () => undefined,
): HandlerCalls {
  const router = createRouter<typeof operations, BackendContext>(operations, { onInternalError: (op, error) => console.error(op, error) });
  registerBackendHandlers(router);
  const call = async (caller: Caller, operation: OperationName, input: unknown) =>
    router.dispatch(operation, input, {
      db: db(),
      caller,
      wakeWorker: () => undefined,
      resolveSource,
      setup: await setup(),
      ...(enrichment() ? { enrichment: enrichment() } : {}),
    });
  return {
    call,
    async ok(caller, operation, input) {
      const answer = await call(caller, operation, input);
      if (!answer.ok) throw new Error(`${operation} failed: ${JSON.stringify(answer.error)}`);
      return answer.value as OutputOf<Operations, typeof operation>;
    },
  };
}

/** Runs the oldest queued job to its end, as one worker would. */
export async function runQueuedJob(db: Db, resolveSource: SourceResolver): Promise<{ outcome: JobOutcome; runId: string }> {
  const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'handlers-test'));
  if (!job) throw new Error('No queued job to run');
  const outcome = await runJob(db, job, () => resolveSource(job.integration_id), { workerId: 'handlers-test', sleep: async () => undefined });
  const { rows } = await db.query<{ id: string }>(`select id from sync.sync_runs where job_id = $1`, [job.id]);
  if (!rows[0]) throw new Error('The job left no run');
  return { outcome, runId: rows[0].id };
}

/** Queues a full sync of an integration as the scheduler would, and runs it. */
export async function syncIntegration(
  db: Db,
  resolveSource: SourceResolver,
  target: { integrationId: string; orgId: string },
): Promise<{ outcome: JobOutcome; runId: string }> {
  await asCaller(db, SERVICE, (tx) =>
    tx.query(`insert into sync.sync_jobs (integration_id, org_id, kind) values ($1, $2, 'full')`, [target.integrationId, target.orgId]),
  );
  return runQueuedJob(db, resolveSource);
}

/** An edit made in the app to a member of any integration (the trigger records it). */
export async function appEditIn(db: Db, integrationId: string, externalId: string, set: string, params: readonly unknown[]): Promise<void> {
  await asCaller(db, SERVICE, (tx) =>
    tx.query(
      `update sync.members m set ${set}
         from sync.member_links l
        where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
      [integrationId, externalId, ...params],
    ),
  );
}

/** Waits until another connection is blocked on a lock (PostgreSQL server only). */
export async function untilSomeoneWaitsForALock(db: Db, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error('Nobody waited for a lock');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Strips ids that may hold long runs of digits (UUIDs), then finds anything shaped like a fødselsnummer. */
export function personnummerLike(text: string): string[] {
  const withoutIds = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
  return withoutIds.match(/(?<!\d)\d{6}\s?\d{5}(?!\d)/g) ?? [];
}
