import { act, render } from '@testing-library/react';
import { createMemoryHistory } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { startEmbeddedHost, type EmbeddedHost } from '../../../electron/main/host/embedded-host.ts';
import { generateCredentialKey } from '../../../backend/crypto/credential-box.ts';
import { ConsoleApp } from '../../../renderer/src/app/ConsoleApp.tsx';
import { createQueryClient } from '../../../renderer/src/app/query-client.ts';
import { createConsoleRouter } from '../../../renderer/src/app/router.ts';
import { createI18n } from '../../../renderer/src/i18n/i18n.ts';
import type { Language } from '../../../renderer/src/i18n/catalog.ts';
import { useLanguageStore } from '../../../renderer/src/stores/language.ts';
import { useSessionStore } from '../../../renderer/src/stores/session.ts';
import { useNotifyStore } from '../../../renderer/src/stores/notify.ts';
import { bridgeTarget } from './bridge-target.ts';
import { createConsoleShell } from '../../../electron/main/console-shell.ts';
import { writeSetting } from '../../../electron/main/platform/settings-store.ts';
import { fakeVault } from '../settings-doubles.ts';

/** The demo's seeded ids, for component tests (which may not import backend/ themselves). */
export { DEMO_IDS } from '../../../backend/db/demo-seed.ts';

export interface ConsoleHarness {
  /** The real embedded host: PGlite, the Cornerstone simulator, the worker and the router. */
  host: EmbeddedHost;
  /** Renders the whole console, with its providers, at a hash route such as `/conflicts`. */
  renderAt(path: string, options?: { language?: Language }): ReturnType<typeof render>;
  /** Goes to another route in the console last rendered, as a link in it would (no new render). */
  navigate(path: string): Promise<void>;
  /** The query client of the console last rendered, to look into its caches. */
  queryClient(): QueryClient;
  close(): Promise<void>;
}

export interface ConsoleHarnessOptions {
  /** Members in Cornerstone (Norsk Friluftslag and Ungdom i Bevegelse). */
  memberCount?: number;
  /** Kystkoret's Consio registry, with this many members; none when left out. */
  consioMemberCount?: number;
  /** Members in each fresh registry the demo offers for onboarding practice (`demo.registries`); none when left out. */
  onboardingMembers?: number;
}

/**
 * The provider wrapper for component tests: the console as it runs, over the same host the
 * demo uses. Nothing is faked except what cannot run here, the Electron shell (see setup.ts).
 */
export async function startConsoleHarness(options: ConsoleHarnessOptions = {}): Promise<ConsoleHarness> {
  const host = await startEmbeddedHost({
    dataDir: null,
    credentialKey: { keyId: 'component-tests', keyBase64: generateCredentialKey() },
    cornerstone: { memberCount: options.memberCount ?? 200 },
    ...(options.onboardingMembers !== undefined ? { onboardingMembers: options.onboardingMembers } : {}),
    ...(options.consioMemberCount === undefined ? {} : { consio: { memberCount: options.consioMemberCount } }),
    workerPollIntervalMs: 100,
    log: () => undefined,
  });
  // The main process's side of the bridge, as index.ts builds it, working in the demo.
  const settings = new Map<string, unknown>();
  const store = {
    get: (key: string) => settings.get(key),
    set: (key: string, value: unknown) => settings.set(key, value),
    delete: (key: string) => settings.delete(key),
  };
  writeSetting(store, 'connection', { kind: 'demo' });
  const shell = createConsoleShell({
    store,
    vault: fakeVault(),
    managed: null,
    startEmbedded: async () => ({ dispatch: host.dispatch, close: async () => undefined }),
    createRemote: () => {
      throw new Error('The component tests run the embedded demo');
    },
    updates: { status: () => ({ state: 'none', version: null }), restartToInstall: () => false },
    log: () => undefined,
  });
  bridgeTarget.current = (operation, input) => shell.dispatch(operation, input);
  let router: ReturnType<typeof createConsoleRouter> | null = null;
  let queryClient: QueryClient | null = null;
  return {
    host,
    renderAt(path, { language = 'nb' } = {}) {
      useLanguageStore.setState({ language });
      useSessionStore.setState({ session: null });
      useNotifyStore.setState({ notices: [] });
      router = createConsoleRouter(createMemoryHistory({ initialEntries: [path] }));
      queryClient = createQueryClient();
      return render(<ConsoleApp queryClient={queryClient} i18n={createI18n(language)} router={router} />);
    },
    async navigate(path) {
      if (!router) throw new Error('Render the console first (renderAt)');
      await act(async () => {
        await router?.navigate({ href: path });
      });
    },
    queryClient() {
      if (!queryClient) throw new Error('Render the console first (renderAt)');
      return queryClient;
    },
    async close() {
      bridgeTarget.current = null;
      await host.close();
    },
  };
}
