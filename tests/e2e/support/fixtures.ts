import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, _electron, chromium, type Page } from '@playwright/test';
import { startEmbeddedHost } from '../../../electron/main/host/embedded-host.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import { generateCredentialKey } from '../../../backend/crypto/credential-box.ts';
import { DEMO_IDS } from '../../../backend/db/demo-seed.ts';
import type { E2eHooks } from '../../../electron/main/e2e-hooks.ts';
import type { CornerstoneMemberPatch } from '../../../sim/cornerstone/records.ts';
import { openInBrowserShell } from './browser-shell.ts';
import { vippsLevers } from '../../../electron/main/host/demo-vipps-levers.ts';
import { createConsoleShell, type ConsoleShell, type ConsoleShellOptions } from '../../../electron/main/console-shell.ts';
import type { EmbeddedHost } from '../../../electron/main/host/embedded-host.ts';
import { writeSetting } from '../../../electron/main/platform/settings-store.ts';
import { confStore, fakeVault, removeConfStores } from '../../support/settings-doubles.ts';
import { ADMIN_PASSWORD, startRemoteBackend, type RemoteBackend } from './remote-backend.ts';
import type { SupabaseStandIn } from '../../support/supabase-auth-stand-in.ts';
import type { RegistryConnection } from '../../../shared/contract/integrations.ts';

/** What a spec drives: the console's window, plus the levers and read-outs a test needs. */
export interface ConsoleApp {
  page: Page;
  /** Which backend host the console talks to: the embedded demo, or a Supabase project through admin-api. */
  host: ConsoleHost;
  /**
   * Works as another demo admin: in the embedded demo through "Acting as", on the remote host by
   * signing out and signing in as them. Resolves once the board shows as them.
   */
  signInAs(admin: DemoAdminName): Promise<void>;
  /** Reads the database as its owner, to assert what the sync wrote. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Every line the main process has logged so far, to prove what it never logs. */
  logLines(): string[];
  /** Fault fixtures on the Cornerstone simulator. */
  cornerstone: {
    setDown(down: boolean): Promise<void>;
    setLatency(ms: number): Promise<void>;
    /** The registry answers its next `count` data requests with this HTTP error status (500: its own error). */
    failNext(count: number, status: number): Promise<void>;
    /** Someone changed the API user's password in Cornerstone: our saved one stops working. */
    rotatePassword(): Promise<void>;
    /** A Cornerstone user edits the member at a 0-based index (CS-0000001 is 0): its last change moves to now. */
    editMember(index: number, patch: CornerstoneMemberPatch): Promise<void>;
    /**
     * Cornerstone holds back its next `count` change notices (webhooks), so edits made meanwhile
     * reach the console only through the next sync; `releaseWebhooks` sends what is held.
     */
    holdWebhooks(count: number): Promise<void>;
    releaseWebhooks(): Promise<void>;
    /** The registry now lists only its first `count` members (the rest are gone from it); sends no webhooks. */
    setMemberCount(count: number): Promise<void>;
    /** Cornerstone now sends its change notices to `url`, signed with `secret`: what an admin sets up in Cornerstone. */
    signWebhooksWith(url: string, secret: string): Promise<void>;
  };
  /** The Vipps simulator and the members' app's sign-in. */
  vipps: {
    /**
     * A Cornerstone member (0-based index) who can log in with Vipps and lacks a number in the
     * registry: with the right birth date there (`writable`), or a day off (`birth_date_typo`).
     */
    candidate(kind: 'writable' | 'birth_date_typo', skip?: number): Promise<number>;
    /**
     * That member signs in to the members' app with Vipps: a real authorization-code flow with
     * PKCE against the simulator, after which the app calls the enrichment endpoint. The endpoint's answer.
     */
    login(index: number): Promise<{ status: number; body: unknown }>;
    /** Whether Cornerstone now holds exactly the number Vipps has for the member (compared here; never returned). */
    registryHoldsVippsNumber(index: number): Promise<boolean>;
  };
  /** The fresh registries offered for onboarding practice: every request to them waits `ms` first; where each is and how it signs in. */
  onboardingRegistries: { setLatency(ms: number): Promise<void>; connection(system: 'cornerstone' | 'consio'): RegistryConnection };
  /** On the remote host: the stand-in for the project's Auth and gateway (one-time codes, an outage). */
  remote: { project: SupabaseStandIn } | null;
  /** The console's settings file as it is on disk now (electron-store's JSON). */
  settingsText(): string;
  /** Whether the admin chose to restart into a downloaded update (the updater's own restart is not run). */
  restartRequested(): boolean;
}

export type ConsoleHost = 'embedded' | 'remote';
export type DemoAdminName = keyof typeof DEMO_IDS.admins;

export const E2E_MEMBER_COUNT = 2_500;
/** Members in each fresh registry the wizard can onboard (the demo's own number, in both shells). */
export const E2E_ONBOARDING_MEMBERS = 600;
export { DEMO_IDS };

/** The main process's side of the bridge, as index.ts builds it, with a settings file of its own and the keychain's test double. */
function consoleShellFor(
  options: Pick<ConsoleShellOptions, 'startEmbedded' | 'createRemote' | 'updates'>,
  connection: 'demo' | { url: string; anonKey: string } | null,
): { shell: ConsoleShell; settingsFile: string } {
  const { store, file } = confStore();
  if (connection === 'demo') writeSetting(store, 'connection', { kind: 'demo' });
  else if (connection) writeSetting(store, 'connection', { kind: 'supabase', ...connection });
  const shell = createConsoleShell({
    store,
    vault: fakeVault(),
    managed: null,
    ...options,
    log: () => undefined,
  });
  return { shell, settingsFile: file };
}

/**
 * What the settings file may never hold, whatever a spec did: a token, an admin's e-mail or name, or a
 * member's name, e-mail or phone number. Checked after every spec on the remote host, where the
 * console keeps its offline summaries and the sealed session.
 */
async function expectNoPersonalData(settingsFile: string, host: EmbeddedHost): Promise<void> {
  let text: string;
  try {
    text = readFileSync(settingsFile, 'utf8');
  } catch {
    return;
  }
  const { rows } = await host.db.query<{ name: string; email: string | null; phone: string | null }>(
    `select first_name || ' ' || last_name as name, email, phone from sync.members`,
  );
  const personal = [
    ...host.directory.admins.flatMap((admin) => [admin.email, admin.displayName]),
    ...rows.flatMap((row) => [row.name, row.email, row.phone]).filter((value): value is string => value !== null && value.length > 4),
  ];
  const found = personal.filter((value) => text.includes(value));
  if (found.length > 0 || /eyJ[A-Za-z0-9_-]{10,}/.test(text)) {
    throw new Error(`The settings file holds personal data or a token (${found.length} values): ${settingsFile}`);
  }
}

const unreachable = (): never => {
  throw new Error('not in this host');
};

async function browserShell(
  page: Page,
  dataDir: string,
  settings: { language: ConsoleLanguage; host: ConsoleHost; firstStart: boolean; updateReady: boolean },
  use: (app: ConsoleApp) => Promise<void>,
): Promise<void> {
  let sim: CornerstoneSim = await startCornerstoneSim({ memberCount: E2E_MEMBER_COUNT, organizationName: 'Norsk Friluftslag' });
  const logged: string[] = [];
  const hostOptions = {
    credentialKey: { keyId: 'e2e', keyBase64: generateCredentialKey() },
    cornerstone: { sim },
    workerPollIntervalMs: 250,
    onboardingMembers: E2E_ONBOARDING_MEMBERS,
    log: (line: string) => logged.push(line),
  };
  let remote: RemoteBackend | null = null;
  // What electron-updater reports once an update is downloaded; the restart itself is recorded, not run.
  let restartRequested = false;
  const updates: ConsoleShellOptions['updates'] = {
    status: () => (settings.updateReady ? { state: 'ready', version: '0.2.0' } : { state: 'none', version: null }),
    restartToInstall: () => (restartRequested = settings.updateReady),
  };
  let host: EmbeddedHost;
  let shell: ConsoleShell;
  let settingsFile = '';
  if (settings.host === 'remote') {
    remote = await startRemoteBackend(hostOptions);
    host = remote.services;
    const project = { url: remote.project.url, anonKey: remote.project.anonKey };
    ({ shell, settingsFile } = consoleShellFor(
      { startEmbedded: unreachable, createRemote: remote.createRemote, updates },
      settings.firstStart ? null : project,
    ));
    // Signed in as the global admin, as the embedded demo starts.
    if (!settings.firstStart) {
      const signedIn = await shell.dispatch('console.signIn', { email: 'global@demo.local', password: ADMIN_PASSWORD });
      if (!signedIn.ok) throw new Error(`The fixture could not sign in: ${signedIn.error.message}`);
    }
  } else {
    host = await startEmbeddedHost({ ...hostOptions, dataDir });
    const started = host;
    ({ shell, settingsFile } = consoleShellFor(
      { startEmbedded: async () => ({ dispatch: started.dispatch, close: async () => undefined }), createRemote: unreachable, updates },
      settings.firstStart ? null : 'demo',
    ));
  }
  const admins = host.directory.admins;
  const adminFor = (name: DemoAdminName) => {
    const admin = admins.find((candidate) => candidate.userId === DEMO_IDS.admins[name]);
    if (!admin) throw new Error(`No demo admin ${name}`);
    return admin;
  };
  try {
    await openInBrowserShell(page, (operation, input) => shell.dispatch(operation, input), settings.language);
    await use({
      page,
      host: settings.host,
      signInAs: async (name) => {
        const admin = adminFor(name);
        if (settings.host === 'embedded') {
          await page.locator('.identity-switcher select').selectOption(admin.userId);
        } else {
          await page.getByTestId('sign-out').click();
          await page.locator('input[name="email"]').fill(admin.email);
          await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
          await page.locator('.sign-in button[type="submit"]').click();
          await page.getByTestId('signed-in-as').filter({ hasText: admin.email }).waitFor();
        }
        // The screens are shown anew as the admin: wait for that, not for the previous admin's page.
        await page.locator(`main#main-content[data-admin="${admin.userId}"]`).getByRole('heading', { level: 1 }).waitFor();
      },
      query: async (sql, params = []) => (await host.db.query(sql, params)).rows as never,
      logLines: () => [...logged],
      cornerstone: {
        setDown: async (down) => sim.setDown(down),
        setLatency: async (ms) => sim.setLatency(ms),
        failNext: async (count, status) => sim.failNext(count, status),
        rotatePassword: async () => {
          const port = Number(new URL(sim.url).port);
          const credentials = { ...sim.credentials, password: `${sim.credentials.password}-rotated` };
          await sim.close();
          sim = await startCornerstoneSim({ memberCount: E2E_MEMBER_COUNT, organizationName: 'Norsk Friluftslag', port, credentials });
        },
        editMember: async (index, patch) => {
          sim.updateMember(index, patch);
        },
        holdWebhooks: async (count) => sim.reorderNextWebhooks(count),
        releaseWebhooks: () => sim.flushWebhooks(),
        setMemberCount: async (count) => sim.setMemberCount(count),
        signWebhooksWith: async (url, secret) => sim.configureWebhooks({ url, secret }),
      },
      vipps: vippsLevers(host, () => sim),
      onboardingRegistries: {
        setLatency: async (ms) => {
          for (const registry of host.onboarding) registry.sim.setLatency(ms);
        },
        connection: (system) => {
          const registry = host.onboarding.find((candidate) => candidate.entry.connection.system === system);
          if (!registry) throw new Error(`No practice registry for ${system}`);
          return registry.entry.connection;
        },
      },
      remote: remote && { project: remote.project },
      // Nothing written yet, no file yet: as electron-store leaves it.
      settingsText: () => (existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : ''),
      restartRequested: () => restartRequested,
    });
    await expectNoPersonalData(settingsFile, host);
  } finally {
    await shell.close();
    if (remote) await remote.close();
    else await host.close();
    await sim.close();
    removeConfStores();
  }
}

async function electronShell(dataDir: string, language: ConsoleLanguage, use: (app: ConsoleApp) => Promise<void>): Promise<void> {
  const electronApp = await _electron.launch({
    args: ['.'],
    env: { ...process.env, MSC_USER_DATA_DIR: dataDir, MSC_E2E_HOOKS: '1', MSC_DEMO_MEMBERS: String(E2E_MEMBER_COUNT) },
  });
  const logged: string[] = [];
  electronApp.process().stderr?.on('data', (chunk: Buffer) => logged.push(...chunk.toString('utf8').split('\n')));
  electronApp.process().stdout?.on('data', (chunk: Buffer) => logged.push(...chunk.toString('utf8').split('\n')));
  // Named hook methods with plain arguments: no code is built from strings.
  const call = <T>(method: keyof E2eHooks, ...args: unknown[]): Promise<T> =>
    electronApp.evaluate(
      (_electron, [name, values]) =>
        (globalThis as unknown as { __mscE2eHooks: Record<string, (...a: unknown[]) => Promise<T>> }).__mscE2eHooks[name]?.(...values) as Promise<T>,
      [method, args] as const,
    );
  try {
    const page = await electronApp.firstWindow();
    await page.evaluate((choice) => window.localStorage.setItem('msc.language', choice), language);
    await page.reload();
    await use({
      page,
      query: (sql, params = []) => call('query', sql, params),
      logLines: () => [...logged],
      cornerstone: {
        setDown: (down) => call('setDown', down),
        setLatency: (ms) => call('setLatency', ms),
        failNext: (count, status) => call('failNext', count, status),
        rotatePassword: () => call('rotatePassword'),
        editMember: (index, patch) => call('editMember', index, patch),
        holdWebhooks: (count) => call('holdWebhooks', count),
        releaseWebhooks: () => call('releaseWebhooks'),
        setMemberCount: (count) => call('setMemberCount', count),
        signWebhooksWith: (url, secret) => call('signWebhooksWith', url, secret),
      },
      vipps: {
        candidate: (kind, skip) => call('vippsCandidate', kind, skip ?? 0),
        login: (index) => call('vippsLogin', index),
        registryHoldsVippsNumber: (index) => call('registryHoldsVippsNumber', index),
      },
      onboardingRegistries: {
        setLatency: (ms) => call('setOnboardingLatency', ms),
        connection: () => {
          throw new Error('The Electron shell runs the embedded demo, which fills the practice registry in itself');
        },
      },
      host: 'embedded',
      signInAs: async (name) => {
        await page.locator('.identity-switcher select').selectOption(DEMO_IDS.admins[name]);
        await page.locator(`main#main-content[data-admin="${DEMO_IDS.admins[name]}"]`).getByRole('heading', { level: 1 }).waitFor();
      },
      remote: null,
      settingsText: () => readFileSync(join(dataDir, 'console-settings.json'), 'utf8'),
      restartRequested: () => false,
    });
  } finally {
    await electronApp.close();
  }
}

export type ConsoleLanguage = 'nb' | 'en';

export const test = base.extend<{ consoleApp: ConsoleApp; language: ConsoleLanguage; firstStart: boolean; updateReady: boolean }>({
  /** The console's language for a spec: Norwegian by default, as for an admin's first start. */
  language: ['nb', { option: true }],
  /** A console started for the first time: nothing chosen yet, nobody signed in. */
  firstStart: [false, { option: true }],
  /** An update has been downloaded and waits for a restart. */
  updateReady: [false, { option: true }],
  // Depends on no browser fixture, so the electron project never starts Chromium.
  consoleApp: async ({ language, firstStart, updateReady }, use, testInfo) => {
    // Each test gets its own data folder and so its own database.
    const dataDir = mkdtempSync(join(tmpdir(), 'msc-e2e-'));
    try {
      if (testInfo.project.metadata['shell'] === 'electron') await electronShell(dataDir, language, use);
      else {
        const browser = await chromium.launch(testInfo.project.use.launchOptions);
        try {
          // A page in its own context: axe's AxeBuilder needs one.
          const { viewport, locale, timezoneId } = testInfo.project.use;
          const context = await browser.newContext({
            viewport: viewport ?? null,
            ...(locale ? { locale } : {}),
            ...(timezoneId ? { timezoneId } : {}),
          });
          const page = await context.newPage();
          const host: ConsoleHost = testInfo.project.metadata['host'] === 'remote' ? 'remote' : 'embedded';
          await browserShell(page, dataDir, { language, host, firstStart, updateReady }, use);
        } finally {
          await browser.close();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
