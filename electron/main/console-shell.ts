import type { BridgeResult } from '../../shared/contract/bridge.ts';
import { consoleOperations, type ConsoleOperations, type ConsoleStatus } from '../../shared/contract/console.ts';
import type { Connection } from '../../shared/contract/connection.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { createRouter } from '../../backend/rpc/router.ts';
import { readSetting, writeSetting, type KeyValueStore } from './platform/settings-store.ts';
import type { SecretVault } from './platform/secret-vault.ts';
import type { UpdateTracker } from './platform/updater.ts';
import { createSealedSessionStorage } from './remote/sealed-session-storage.ts';
import type { RemoteHost, RemoteHostOptions } from './remote/remote-host.ts';

/** A backend host behind the bridge: the embedded demo, or the remote `admin-api`. */
export interface BackendHost {
  dispatch(operation: unknown, input: unknown): Promise<BridgeResult>;
}

export interface ConsoleShellOptions {
  store: KeyValueStore;
  vault: SecretVault;
  /** A managed install's project, from its config file: no choice is offered, and it cannot be changed. */
  managed: Connection | null;
  /** The install's project file exists but is wrong: nothing is offered until it is fixed. */
  managedProblem?: string | null;
  /** Where to work when nothing is chosen yet, without remembering it (`npm start` opens the demo). */
  fallback?: Connection | null;
  /** Starts the embedded demo (PGlite, simulators, worker); called once, when the demo is chosen. */
  startEmbedded(): Promise<BackendHost & { close(): Promise<void> }>;
  createRemote(options: Pick<RemoteHostOptions, 'project' | 'storage' | 'store'>): RemoteHost;
  updates: Pick<UpdateTracker, 'status' | 'restartToInstall'>;
  log(message: string, error?: unknown): void;
}

export interface ConsoleShell {
  /** Every bridge call: the console's own operations here, the rest to the chosen host. */
  dispatch(operation: unknown, input: unknown): Promise<BridgeResult>;
  /** Starts the embedded demo now when the console works in it, so its first screen need not wait. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

const chooseFirst = (): BridgeResult => ({
  ok: false,
  error: { code: 'not_signed_in', message: 'Choose where the console works first.', actor: 'org_admin' },
});

/**
 * The main process's side of the bridge. It keeps where the console works (the demo or one
 * Supabase project, remembered in the settings store), holds the remote host and its sealed
 * session, and answers the console's own operations: status, connect, sign-in and sign-out,
 * and "restart to install" an update. The renderer cannot tell the hosts apart except by the
 * status it is given.
 */
export function createConsoleShell(options: ConsoleShellOptions): ConsoleShell {
  const { store, vault } = options;
  let connection: Connection | null = options.managed ?? readSetting(store, 'connection') ?? options.fallback ?? null;
  let embedded: Promise<BackendHost & { close(): Promise<void> }> | null = null;
  let remote: { host: RemoteHost; url: string; anonKey: string } | null = null;

  const remoteHost = (project: { url: string; anonKey: string }) => {
    if (remote?.url !== project.url || remote.anonKey !== project.anonKey) {
      remote?.host.stop();
      const storage = createSealedSessionStorage(vault, store, project.url);
      remote = { host: options.createRemote({ project, storage, store }), url: project.url, anonKey: project.anonKey };
    }
    return remote.host;
  };
  const embeddedHost = () => {
    embedded ??= options.startEmbedded().catch((error: unknown) => {
      embedded = null;
      throw error;
    });
    return embedded;
  };
  const closeEmbedded = async () => {
    const running = embedded;
    embedded = null;
    if (running) await (await running.catch(() => null))?.close();
  };
  const backend = async (): Promise<BackendHost | null> => {
    if (connection?.kind === 'demo') return embeddedHost();
    if (connection?.kind === 'supabase') return remoteHost(connection);
    return null;
  };

  const status = async (): Promise<ConsoleStatus> => {
    const project = connection?.kind === 'supabase' ? await remoteHost(connection).status() : null;
    return {
      connection: connection?.kind ?? 'none',
      managed: options.managed !== null,
      managedProblem: options.managedProblem ?? null,
      project: project && {
        url: project.projectUrl,
        signedInAs: project.signedInAs,
        sessionPersisted: project.sessionPersisted,
        offline: project.offline,
        offlineAsOf: project.offlineAsOf,
      },
      update: options.updates.status(),
    };
  };
  /** A refusal from the remote host, as the error the router answers with. */
  const unwrap = async (answer: Promise<BridgeResult>): Promise<void> => {
    const result = await answer;
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.actor);
  };
  const signedIn = async (answer: Promise<BridgeResult>): Promise<ConsoleStatus> => {
    await unwrap(answer);
    return status();
  };
  const unchangeable = () => {
    if (options.managed || options.managedProblem) {
      throw new AppError('forbidden', 'This installation is set up for one project and cannot be changed here.', 'org_admin');
    }
  };
  const supabase = () => {
    if (connection?.kind !== 'supabase') throw new AppError('conflict', 'Connect to a Supabase project first.', 'org_admin');
    return remoteHost(connection);
  };

  const router = createRouter<ConsoleOperations, null>(consoleOperations, {
    onInternalError: (operation, error) => options.log(`Console operation ${operation} failed`, error),
  });
  router.register('console.status', () => status());
  router.register('console.connect', async (chosen) => {
    unchangeable();
    if (connection !== null) throw new AppError('conflict', 'The console is already connected. Disconnect first.', 'org_admin');
    // The project must answer at this address with this key before it is remembered.
    if (chosen.kind === 'supabase') await unwrap(remoteHost(chosen).probe());
    connection = chosen;
    writeSetting(store, 'connection', chosen);
    // The demo starts now, so its first screen does not wait for it.
    if (chosen.kind === 'demo') await embeddedHost();
    return status();
  });
  router.register('console.signIn', ({ email, password }) => signedIn(supabase().signInWithPassword(email, password)));
  router.register('console.sendCode', async ({ email }) => {
    await unwrap(supabase().sendCode(email));
    return null;
  });
  router.register('console.verifyCode', ({ email, code }) => signedIn(supabase().verifyCode(email, code)));
  router.register('console.signOut', async () => {
    await supabase().signOut();
    return status();
  });
  router.register('console.disconnect', async () => {
    unchangeable();
    if (connection?.kind === 'supabase') await remoteHost(connection).signOut();
    remote?.host.stop();
    remote = null;
    connection = null;
    store.delete('connection');
    await closeEmbedded();
    return status();
  });
  router.register('console.restartToUpdate', async () => ({ restarting: options.updates.restartToInstall() }));

  return {
    async dispatch(operation, input) {
      if (typeof operation === 'string' && operation.startsWith('console.')) return router.dispatch(operation, input, null);
      const host = await backend();
      return host ? host.dispatch(operation, input) : chooseFirst();
    },
    async warmUp() {
      if (connection?.kind === 'demo') await embeddedHost();
    },
    close: closeEmbedded,
  };
}
