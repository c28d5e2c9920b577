import type { Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey, type CredentialBox } from '../../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';
import { startConsioSim, type ConsioSim, type ConsioSimOptions } from '../../../sim/consio/server.ts';
import { openMigrated, type DatabaseTarget } from '../harness.ts';

const SERVICE = { kind: 'service' } as const;

export interface ConsioEngineFixture {
  db: Db;
  sim: ConsioSim;
  box: CredentialBox;
  resolveSource: SourceResolver;
  /** The demo organization's integration, switched to Consio. */
  target: { integrationId: string; orgId: string };
  close(): Promise<void>;
}

/**
 * Like engine-fixture.ts, for Consio: a migrated database with the demo seed, whose
 * Friluftslag integration is moved, as the service, to a live Consio simulator. Where the
 * credentials go and what they are change in one transaction, as the schema requires of any
 * change of base_url or auth_kind.
 */
export async function openConsioEngineFixture(target: DatabaseTarget, simOptions: ConsioSimOptions): Promise<ConsioEngineFixture> {
  const sim = await startConsioSim(simOptions);
  const db = await openMigrated(target);
  try {
    const box = await createCredentialBox({ keyId: 'test', keyBase64: generateCredentialKey() });
    const sealed = await box.seal({ kind: 'client_credentials', clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret });
    await seedDemo(db, { cornerstoneBaseUrl: sim.url, credentialCiphertext: sealed });
    const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
    await asCaller(db, SERVICE, async (tx) => {
      await tx.query(
        `update sync.integrations
            set system = 'consio', auth_kind = 'client_credentials', base_url = $2, display_name = 'Consio – Norsk Friluftslag',
                webhooks_supported = false
          where id = $1`,
        [integrationId, sim.url],
      );
      await tx.query(`update sync.integration_credentials set ciphertext = $2, key_id = $3 where integration_id = $1`, [
        integrationId,
        sealed.ciphertext,
        sealed.keyId,
      ]);
    });
    return {
      db,
      sim,
      box,
      resolveSource: createSourceResolver(db, box, { allowLoopbackHttp: true }),
      target: { integrationId, orgId: DEMO_IDS.organizations.friluftslag },
      async close() {
        await db.close();
        await sim.close();
      },
    };
  } catch (error) {
    await db.close();
    await sim.close();
    throw error;
  }
}
