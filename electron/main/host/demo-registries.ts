import { randomBytes } from 'node:crypto';
import type { Db } from '../../../backend/db/port.ts';
import type { CredentialBox } from '../../../backend/crypto/credential-box.ts';
import { DEMO_IDS } from '../../../backend/db/demo-seed.ts';
import { startWebhookServer, type WebhookServer } from '../../../backend/webhooks/webhook-server.node.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import { startConsioSim, type ConsioSim } from '../../../sim/consio/server.ts';
import type { DemoRegistry } from '../../../shared/contract/demo.ts';

export interface DemoRegistryOptions {
  /** A simulator the caller controls (tests inject faults), or how many members a fresh one holds. */
  cornerstone?: { sim: CornerstoneSim } | { memberCount: number };
  /** Kystkoret's Consio registry; absent, the demo has none. */
  consio?: { sim: ConsioSim } | { memberCount: number };
  /** How often the registries change a few members on their own (joins, lapses, moves). Off by default. */
  activityEveryMs?: number;
  /**
   * Fresh registries no organization uses yet, to onboard a practice organization against
   * (`demo.registries`): a Cornerstone and a Consio of this many members each. Off by default.
   */
  onboardingMembers?: number;
}

/** A fresh registry for onboarding practice, and the credentials its simulator takes. */
export interface OnboardingRegistry {
  readonly sim: CornerstoneSim | ConsioSim;
  readonly entry: DemoRegistry;
}

export interface DemoRegistries {
  readonly cornerstone: CornerstoneSim;
  readonly consio: ConsioSim | null;
  readonly onboarding: readonly OnboardingRegistry[];
  /**
   * Starts the webhook receiver in this process and has Cornerstone deliver Norsk Friluftslag's
   * signed webhooks to it. Returns the receiver's address up to the integration id.
   */
  connectWebhooks(db: Db, box: CredentialBox): Promise<string>;
  close(): Promise<void>;
}

/**
 * The registries the embedded demo talks to: simulators on 127.0.0.1, plus the webhook
 * receiver Cornerstone pushes changes to, so the demo shows delta sync as production does.
 */
export async function startDemoRegistries(options: DemoRegistryOptions): Promise<DemoRegistries> {
  const owned: Array<{ close(): Promise<void> }> = [];
  try {
    const cornerstone =
      options.cornerstone && 'sim' in options.cornerstone
        ? options.cornerstone.sim
        : await startCornerstoneSim({ memberCount: options.cornerstone?.memberCount ?? 8_000, organizationName: 'Norsk Friluftslag' });
    if (!(options.cornerstone && 'sim' in options.cornerstone)) owned.push(cornerstone);
    let consio: ConsioSim | null = null;
    if (options.consio) {
      consio =
        'sim' in options.consio
          ? options.consio.sim
          : await startConsioSim({ memberCount: options.consio.memberCount, organizationName: 'Kystkoret' });
      if (!('sim' in options.consio)) owned.push(consio);
    }
    const onboarding: OnboardingRegistry[] = [];
    if (options.onboardingMembers !== undefined) {
      const fresh = await startCornerstoneSim({ memberCount: options.onboardingMembers, seed: 303, organizationName: 'Fjellklubben Nord' });
      owned.push(fresh);
      const { username, password, clientId } = fresh.credentials;
      onboarding.push({
        sim: fresh,
        entry: {
          connection: { system: 'cornerstone', baseUrl: fresh.url, credentials: { kind: 'user_password_client', username, password, clientId } },
          organizationName: 'Fjellklubben Nord',
          memberCount: options.onboardingMembers,
        },
      });
      const freshConsio = await startConsioSim({ memberCount: options.onboardingMembers, seed: 404, organizationName: 'Sjøspeiderne Sør' });
      owned.push(freshConsio);
      onboarding.push({
        sim: freshConsio,
        entry: {
          connection: { system: 'consio', baseUrl: freshConsio.url, credentials: { kind: 'client_credentials', ...freshConsio.credentials } },
          organizationName: 'Sjøspeiderne Sør',
          memberCount: options.onboardingMembers,
        },
      });
    }
    let receiver: WebhookServer | null = null;
    const activity =
      options.activityEveryMs === undefined
        ? null
        : setInterval(() => {
            cornerstone.evolve({ contactChanges: 2, roleChanges: 1, joins: 1 });
            consio?.evolve({ contactChanges: 1, chapterMoves: 1 });
          }, options.activityEveryMs);
    activity?.unref();
    return {
      cornerstone,
      consio,
      onboarding,
      async connectWebhooks(db, box) {
        receiver = await startWebhookServer({ db, box });
        // A fresh secret each start: the simulator and the receiver are both this process's.
        const secret = randomBytes(32).toString('hex');
        const sealed = await box.sealWebhookSecret(secret);
        const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
        await db.query(
          `insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, $2, $3)
           on conflict (integration_id) do update set ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_at = now()`,
          [integrationId, sealed.ciphertext, sealed.keyId],
        );
        cornerstone.configureWebhooks({ url: `${receiver.url}/cornerstone-webhook/${integrationId}`, secret });
        return `${receiver.url}/cornerstone-webhook`;
      },
      async close() {
        if (activity) clearInterval(activity);
        cornerstone.configureWebhooks(null);
        await receiver?.close();
        for (const registry of owned) await registry.close();
      },
    };
  } catch (error) {
    for (const registry of owned) await registry.close();
    throw error;
  }
}
