import type { Db } from './port.ts';

/** Fixed ids, so the demo, its tests and its docs can name the same rows on every run. */
export const DEMO_IDS = {
  organizations: {
    friluftslag: 'd1000000-0000-4000-8000-000000000001',
    ungdom: 'd1000000-0000-4000-8000-000000000002',
    kystkoret: 'd1000000-0000-4000-8000-000000000003',
  },
  admins: {
    global: 'd2000000-0000-4000-8000-000000000001',
    ola: 'd2000000-0000-4000-8000-000000000002',
    kari: 'd2000000-0000-4000-8000-000000000003',
    sigrid: 'd2000000-0000-4000-8000-000000000004',
    /** An account that administers no organization yet: the one to give a new organization in onboarding. */
    nina: 'd2000000-0000-4000-8000-000000000005',
  },
  integrations: {
    friluftslagCornerstone: 'd3000000-0000-4000-8000-000000000001',
    ungdomCornerstone: 'd3000000-0000-4000-8000-000000000002',
    kystkoretConsio: 'd3000000-0000-4000-8000-000000000003',
  },
} as const;

export interface DemoDirectory {
  organizations: Array<{ id: string; name: string; slug: string }>;
  admins: Array<{ userId: string; email: string; displayName: string; isGlobal: boolean; orgIds: string[] }>;
  integrations: Array<{ id: string; orgId: string; system: 'cornerstone' | 'consio' }>;
}

const { organizations: orgIds, admins: adminIds, integrations: integrationIds } = DEMO_IDS;

const organizations: DemoDirectory['organizations'] = [
  { id: orgIds.friluftslag, name: 'Norsk Friluftslag', slug: 'norsk-friluftslag' },
  { id: orgIds.ungdom, name: 'Ungdom i Bevegelse', slug: 'ungdom-i-bevegelse' },
  { id: orgIds.kystkoret, name: 'Kystkoret', slug: 'kystkoret' },
];

function orgAdmin(userId: string, email: string, displayName: string, orgId: string): DemoDirectory['admins'][number] {
  return { userId, email, displayName, isGlobal: false, orgIds: [orgId] };
}

const admins: DemoDirectory['admins'] = [
  { userId: adminIds.global, email: 'global@demo.local', displayName: 'Gunn Global', isGlobal: true, orgIds: [] },
  orgAdmin(adminIds.ola, 'ola@demo.local', 'Ola Nordmann', orgIds.friluftslag),
  orgAdmin(adminIds.kari, 'kari@demo.local', 'Kari Nordmann', orgIds.ungdom),
  orgAdmin(adminIds.sigrid, 'sigrid@demo.local', 'Sigrid Strand', orgIds.kystkoret),
  { userId: adminIds.nina, email: 'nina@demo.local', displayName: 'Nina Berg', isGlobal: false, orgIds: [] },
];

const integrations: Array<DemoDirectory['integrations'][number] & { displayName: string }> = [
  {
    id: integrationIds.friluftslagCornerstone,
    orgId: orgIds.friluftslag,
    system: 'cornerstone',
    displayName: 'Cornerstone – Norsk Friluftslag',
  },
  {
    id: integrationIds.ungdomCornerstone,
    orgId: orgIds.ungdom,
    system: 'cornerstone',
    displayName: 'Cornerstone – Ungdom i Bevegelse',
  },
];

const kystkoretConsio = {
  id: integrationIds.kystkoretConsio,
  orgId: orgIds.kystkoret,
  system: 'consio' as const,
  displayName: 'Consio – Kystkoret',
};

type Sealed = { ciphertext: string; keyId: string };

/**
 * Seeds the demo's organizations, admins and integrations: Cornerstone for two organizations
 * and, when a Consio registry is given, Consio for Kystkoret. Bootstrap, not a request: it
 * runs as the table owner, outside RLS. Safe to run on every start. Rows that exist are left
 * alone, except an integration's base URL and credential, which follow the simulator's
 * address and the current encryption key of this run.
 */
export async function seedDemo(
  db: Db,
  options: { cornerstoneBaseUrl: string; credentialCiphertext: Sealed; consio?: { baseUrl: string; credentialCiphertext: Sealed } },
): Promise<DemoDirectory> {
  const seeded = [
    ...integrations.map((integration) => ({
      ...integration,
      baseUrl: options.cornerstoneBaseUrl,
      authKind: 'user_password_client',
      webhooks: true,
      sealed: options.credentialCiphertext,
    })),
    ...(options.consio
      ? [
          {
            ...kystkoretConsio,
            baseUrl: options.consio.baseUrl,
            authKind: 'client_credentials',
            webhooks: false,
            sealed: options.consio.credentialCiphertext,
          },
        ]
      : []),
  ];
  await db.transaction(async (tx) => {
    for (const org of organizations) {
      await tx.query(
        `insert into sync.organizations (id, slug, name) values ($1, $2, $3)
         on conflict (id) do nothing`,
        [org.id, org.slug, org.name],
      );
    }
    for (const admin of admins) {
      await tx.query(
        `insert into sync.admins (user_id, email, display_name, is_global) values ($1, $2, $3, $4)
         on conflict (user_id) do nothing`,
        [admin.userId, admin.email, admin.displayName, admin.isGlobal],
      );
      for (const orgId of admin.orgIds) {
        await tx.query(
          `insert into sync.org_admins (org_id, user_id) values ($1, $2)
           on conflict (org_id, user_id) do nothing`,
          [orgId, admin.userId],
        );
      }
    }
    for (const integration of seeded) {
      await tx.query(
        `insert into sync.integrations
           (id, org_id, system, display_name, base_url, auth_kind, webhooks_supported)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (id) do update set base_url = excluded.base_url`,
        [
          integration.id,
          integration.orgId,
          integration.system,
          integration.displayName,
          integration.baseUrl,
          integration.authKind,
          integration.webhooks,
        ],
      );
      await tx.query(
        `insert into sync.integration_credentials (integration_id, ciphertext, key_id) values ($1, $2, $3)
         on conflict (integration_id) do update set ciphertext = excluded.ciphertext, key_id = excluded.key_id`,
        [integration.id, integration.sealed.ciphertext, integration.sealed.keyId],
      );
      // Resealed with this run's key on every start; that is not a change an admin made.
      await tx.query(`update sync.integrations set credentials_changed_at = coalesce(credentials_changed_at, now()) where id = $1`, [integration.id]);
    }
  });
  return {
    organizations: organizations.map((org) => ({ ...org })),
    admins: admins.map((admin) => ({ ...admin, orgIds: [...admin.orgIds] })),
    integrations: seeded.map(({ id, orgId, system }) => ({ id, orgId, system })),
  };
}
