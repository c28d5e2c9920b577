import { randomBytes } from 'node:crypto';
import type { Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../../backend/db/demo-seed.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';
import { createEnrichmentService, type EnrichmentService } from '../../../backend/enrichment/enrichment-service.ts';
import { failEveryPendingEvent } from '../../../backend/enrichment/enrichment-store.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';
import { startEnrichmentServer, type EnrichmentServer } from '../../../backend/enrichment/enrichment-server.node.ts';
import type { EnrichmentClock } from '../../../backend/enrichment/enrichment-clock.ts';
import { createAppAuthStandIn } from '../../../sim/app-auth/app-auth-stand-in.ts';
import { startVippsSim, type VippsSim } from '../../../sim/vipps/server.ts';
import { vippsLogin } from '../../../sim/vipps/member-login.ts';
import type { CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import type { ConsioSim } from '../../../sim/consio/server.ts';
import { demoPeople, type DemoPerson } from './demo-people.ts';

/** What the members' app got back from the enrichment endpoint. */
export interface AppEnrichmentCall {
  status: number;
  body: unknown;
}

export interface DemoVipps {
  readonly sim: VippsSim;
  readonly service: EnrichmentService;
  /** The `vipps-enrichment` endpoint on this host. */
  readonly endpointUrl: string;
  readonly people: readonly DemoPerson[];
  /**
   * A Cornerstone member (0-based index) whose person can log in with Vipps and whose record
   * lacks a number: one whose registry birth date is right (`writable`), or a day off
   * (`birth_date_typo`). `skip` passes over that many; null when there is none.
   */
  cornerstoneCandidate(kind: 'writable' | 'birth_date_typo', skip?: number): number | null;
  /** The person behind a registry member. */
  personFor(system: 'cornerstone' | 'consio', externalId: string): DemoPerson | null;
  /**
   * The person logs in to the members' app with Vipps: a real authorization-code flow with PKCE
   * against the simulator, then the app calls the enrichment endpoint with their app token and
   * the Vipps access token, as the members' app does in production.
   */
  login(person: DemoPerson, options?: { consent?: 'accept' | 'deny' }): Promise<AppEnrichmentCall>;
  /** The Vipps half of `login` alone: the access token the members' app gets. */
  vippsAccessTokenFor(person: DemoPerson): Promise<string>;
  /** The app user's access token, as the app's Supabase Auth issues it. */
  appTokenFor(person: DemoPerson, options?: { ttlSeconds?: number }): Promise<string>;
  /** The app's account links for members synced so far (the app keeps these; the demo seeds them). */
  linkMembers(): Promise<number>;
  close(): Promise<void>;
}

export interface DemoVippsOptions {
  db: Db;
  resolveSource: SourceResolver;
  registries: { cornerstone: CornerstoneSim; consio: ConsioSim | null };
  clock?: EnrichmentClock;
  retryDelaysMs?: readonly number[];
  log: (line: string) => void;
}

const APP_REDIRECT_URI = 'http://127.0.0.1/members-app/vipps/callback';
const INTEGRATION_BY_SYSTEM = {
  cornerstone: [DEMO_IDS.integrations.friluftslagCornerstone, DEMO_IDS.integrations.ungdomCornerstone],
  consio: [DEMO_IDS.integrations.kystkoretConsio],
} as const;

/**
 * Vipps in the embedded demo: the simulator with the registries' people as its test users, the
 * members' app's sign-in (its Vipps client and a stand-in for its Supabase Auth), and the
 * enrichment service behind its endpoint, exactly as production wires them.
 */
export async function startDemoVipps(options: DemoVippsOptions): Promise<DemoVipps> {
  const people = demoPeople(options.registries);
  const byRecord = new Map(people.flatMap((person) => person.records.map((record) => [`${record.system}:${record.externalId}`, person] as const)));
  const client = { clientId: 'members-app', clientSecret: randomBytes(24).toString('hex'), redirectUris: [APP_REDIRECT_URI] };
  const sim = await startVippsSim({
    clients: [client],
    users: people.flatMap((person) => (person.vipps ? [person.vipps] : [])),
    salesUnit: 'demo-members-app',
  });
  let server: EnrichmentServer | null = null;
  try {
    const withVipps = people.flatMap((person) => {
      const sub = person.vipps ? sim.subFor(person.vipps.phoneNumber) : null;
      return sub === null ? [] : [[person.appUserId, sub] as const];
    });
    await asCaller(options.db, { kind: 'service' }, async (tx) => {
      // This process owns the embedded database: a write it was holding when it stopped is not held now.
      await failEveryPendingEvent(tx);
      // The app's record of which Vipps account each app user signs in with.
      await tx.query(
        `insert into sync.app_user_vipps_accounts (app_user_id, vipps_sub)
         select * from unnest($1::uuid[], $2::text[])
         on conflict (app_user_id) do update set vipps_sub = excluded.vipps_sub`,
        [withVipps.map(([appUserId]) => appUserId), withVipps.map(([, sub]) => sub)],
      );
    });
    const appAuth = await createAppAuthStandIn();
    const service = createEnrichmentService({
      db: options.db,
      resolveSource: options.resolveSource,
      userinfoUrl: sim.userinfoUrl,
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    server = await startEnrichmentServer(
      { service, appTokens: appAuth.verifier() },
      { onError: (error) => options.log(`Enrichment endpoint error: ${describeError(error)}`) },
    );
    const endpointUrl = server.url;
    // Records not linked to their app account yet, per registry: external id → app user.
    const unlinked = {
      cornerstone: new Map<string, string>(),
      consio: new Map<string, string>(),
    };
    for (const person of people) for (const record of person.records) unlinked[record.system].set(record.externalId, person.appUserId);
    const vippsAccessToken = async (person: DemoPerson, consent: 'accept' | 'deny') => {
      if (!person.vipps) throw new Error('Vipps Login is closed to members under 15');
      const result = await vippsLogin({
        issuer: sim.issuer,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri: APP_REDIRECT_URI,
        phoneNumber: person.vipps.phoneNumber,
        consent,
      });
      return result.accessToken;
    };
    const ownedServer = server;

    return {
      sim,
      service,
      endpointUrl,
      people,
      personFor: (system, externalId) => byRecord.get(`${system}:${externalId}`) ?? null,
      cornerstoneCandidate(kind, skip = 0) {
        let passed = 0;
        for (const [index, record] of [...options.registries.cornerstone.records()].entries()) {
          const person = byRecord.get(`cornerstone:${record.memberId}`);
          if (!person?.vipps || record.nationalIdentityNumber !== null || person.records.length > 1) continue;
          if ((person.vipps.birthDate !== record.birthDate) !== (kind === 'birth_date_typo')) continue;
          if (passed++ === skip) return index;
        }
        return null;
      },
      vippsAccessTokenFor: (person) => vippsAccessToken(person, 'accept'),
      appTokenFor: (person, tokenOptions = {}) => appAuth.issue(person.appUserId, tokenOptions),
      async login(person, loginOptions = {}) {
        const accessToken = await vippsAccessToken(person, loginOptions.consent ?? 'accept');
        const appToken = await appAuth.issue(person.appUserId);
        const response = await fetch(endpointUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ vippsAccessToken: accessToken }),
        });
        return { status: response.status, body: await response.json() };
      },
      async linkMembers() {
        let linked = 0;
        for (const system of ['cornerstone', 'consio'] as const) {
          const pairs = unlinked[system];
          if (pairs.size === 0) continue;
          const integrations = INTEGRATION_BY_SYSTEM[system];
          const externalIds = [...pairs.keys()];
          const done = await asCaller(options.db, { kind: 'service' }, async (tx) => {
            const inserted = await tx.query(
              `insert into sync.app_user_members (app_user_id, member_id, org_id)
               select p.app_user_id, l.member_id, l.org_id
                 from unnest($1::text[], $2::uuid[]) as p (external_id, app_user_id)
                 join sync.member_links l on l.external_id = p.external_id and l.integration_id = any($3::uuid[])
               on conflict do nothing`,
              [externalIds, [...pairs.values()], integrations],
            );
            linked += inserted.affectedRows;
            // Records now linked in every integration of their registry need no more attempts.
            const { rows } = await tx.query<{ external_id: string }>(
              `select l.external_id from sync.member_links l join sync.app_user_members u on u.member_id = l.member_id
                where l.external_id = any($1::text[]) and l.integration_id = any($2::uuid[])
                group by l.external_id having count(distinct l.integration_id) = $3`,
              [externalIds, integrations, integrations.length],
            );
            return rows;
          });
          // Every demo login calls this: from here on it sends only the records still waiting for a sync.
          for (const { external_id } of done) pairs.delete(external_id);
        }
        return linked;
      },
      async close() {
        service.close();
        await ownedServer.close();
        // An attempt already on its way records itself before the database closes.
        await service.settled();
        await sim.close();
      },
    };
  } catch (error) {
    await server?.close();
    await sim.close();
    throw error;
  }
}
