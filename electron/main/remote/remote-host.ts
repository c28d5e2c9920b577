import { createClient, FunctionsHttpError, isAuthRetryableFetchError, type SupabaseClient, type User } from '@supabase/supabase-js';
import { z } from 'zod';
import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import { IntegrationHealth, type Session } from '../../../shared/contract/schemas.ts';
import { readSetting, writeSetting, type KeyValueStore } from '../platform/settings-store.ts';
import { offlineBoard, summarize } from './offline-review.ts';
import type { SealedSessionStorage } from './sealed-session-storage.ts';
import { authFailure, BridgeAnswer, fail, notSignedIn, unreachable } from './remote-answers.ts';

export interface RemoteHostOptions {
  project: { url: string; anonKey: string };
  /** Where supabase-js keeps the session: sealed by the keychain (see sealed-session-storage.ts). */
  storage: SealedSessionStorage;
  /** The settings store, for the offline review summaries. */
  store: KeyValueStore;
  /** How long a call may take before the backend counts as unreachable. Default 20 s. */
  callTimeoutMs?: number;
  /** Node 20 has no global WebSocket (Electron's Node 22 has): the tests pass `ws`. */
  realtimeTransport?: unknown;
}

/** What the console's badge and banners show about the remote connection. */
export interface RemoteStatus {
  projectUrl: string;
  /** The signed-in admin's e-mail, or null. */
  signedInAs: string | null;
  /** False when the keychain is missing or weak: the session ends with this run. */
  sessionPersisted: boolean;
  /** The project could not be reached at the last call. */
  offline: boolean;
  /** While offline: the time of the summary the board shows, or null when none was kept. */
  offlineAsOf: string | null;
}

export interface RemoteHost {
  dispatch(operation: unknown, input: unknown): Promise<BridgeResult>;
  /** Whether the project answers at this address with this anon key, before anyone signs in. */
  probe(): Promise<BridgeResult>;
  signInWithPassword(email: string, password: string): Promise<BridgeResult>;
  /** E-mails a one-time code to an existing account; never creates one, and never says whether one exists. */
  sendCode(email: string): Promise<BridgeResult>;
  verifyCode(email: string, code: string): Promise<BridgeResult>;
  /** Ends this console's session at Supabase where it can be reached, and forgets it here either way. */
  signOut(): Promise<void>;
  status(): Promise<RemoteStatus>;
  /** Stops refreshing the session: this host is being replaced. */
  stop(): void;
}

/** How long a call waits for a session refresh before it counts the project as unreachable. */
const SESSION_WAIT_MS = 4_000;
const HealthInput = z.object({ orgId: z.uuid().optional() }).catch({});
const StoredSession = z.object({ user: z.object({ id: z.uuid(), email: z.string().optional() }) });

/**
 * The remote host: each bridge call goes to the project's `admin-api` Edge Function with the
 * admin's own access token (`functions.invoke`), and comes back as the same bridge result the
 * embedded host gives. The supabase-js client lives here, in the main process: the renderer
 * never sees a token. After each full board read a non-PII summary is kept; when the project
 * cannot be reached the board is answered from it, and every call tries the project again first.
 */
export function createRemoteHost(options: RemoteHostOptions): RemoteHost {
  const { project, storage, store } = options;
  const client: SupabaseClient = createClient(project.url, project.anonKey, {
    auth: { storage, storageKey: 'console-auth', flowType: 'pkce', persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
    ...(options.realtimeTransport ? { realtime: { transport: options.realtimeTransport as never } } : {}),
  });
  let offline = false;
  let offlineAsOf: string | null = null;

  const review = () => {
    const saved = readSetting(store, 'offlineReview');
    return saved?.projectUrl === project.url ? saved : undefined;
  };
  /** The signed-in user as last stored: offline, an expired token cannot be refreshed, but it is still who is signed in. */
  const storedUser = async (): Promise<Pick<User, 'id' | 'email'> | null> => {
    const text = await storage.getItem('console-auth');
    if (text === null) return null;
    try {
      const parsed = StoredSession.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.user : null;
    } catch {
      return null;
    }
  };
  /**
   * The session, refreshed if need be; `unreachable` when Auth cannot be reached to refresh it.
   * supabase-js keeps retrying a refresh for up to 30 s; the console does not wait that long to
   * say it is offline (the refresh goes on behind, and the next call finds its result).
   */
  const currentSession = async () => {
    const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SESSION_WAIT_MS).unref?.());
    const result = await Promise.race([client.auth.getSession(), timedOut]);
    if (result === 'timeout') return { session: null, unreachable: true };
    if (result.data.session) return { session: result.data.session, unreachable: false };
    return { session: null, unreachable: isAuthRetryableFetchError(result.error) };
  };

  const offlineAnswer = async (operation: string, input: unknown): Promise<BridgeResult> => {
    const saved = review();
    offline = true;
    offlineAsOf = saved?.savedAt ?? null;
    if (!saved) return unreachable();
    if (operation === 'health.list') return { ok: true, value: offlineBoard(saved, HealthInput.parse(input).orgId) };
    if (operation === 'session.get') {
      const user = await storedUser();
      const orgIds = [...new Set(saved.integrations.map((integration) => integration.orgId))];
      const session: Session = {
        mode: 'remote',
        admin: user ? { userId: user.id, email: user.email ?? '', displayName: user.email ?? '', isGlobal: false, orgIds } : null,
        demoIdentities: [],
      };
      return { ok: true, value: session };
    }
    return unreachable();
  };
  const remember = (operation: string, input: unknown, answer: BridgeResult) => {
    offline = false;
    offlineAsOf = null;
    // Only a whole board is kept, so an organization's view never replaces everyone's.
    if (operation !== 'health.list' || !answer.ok || HealthInput.parse(input).orgId !== undefined) return;
    const board = z.array(IntegrationHealth).safeParse(answer.value);
    if (board.success) writeSetting(store, 'offlineReview', summarize(project.url, board.data));
  };
  const invoke = (operation: string, input: unknown) =>
    client.functions.invoke('admin-api', { body: { operation, input: input ?? {} }, timeout: options.callTimeoutMs ?? 20_000 });
  const forget = async () => {
    // This console only: the admin's sessions on other machines stay.
    await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
    storage.clear();
    store.delete('offlineReview');
  };

  const dispatch = async (operation: string, input: unknown, retried = false): Promise<BridgeResult> => {
    const current = await currentSession();
    if (current.unreachable) return offlineAnswer(operation, input);
    if (!current.session) return notSignedIn();
    const { data: answer, error } = await invoke(operation, input);
    if (error instanceof FunctionsHttpError) {
      const response = error.context as Response;
      const parsed = BridgeAnswer.safeParse(await response.json().catch(() => null));
      if (response.status === 401) {
        // The token was refused (revoked, or the clock is off): refresh once; if that does not
        // help, this session is over here, and the console shows the sign-in.
        if (!retried && !(await client.auth.refreshSession()).error) return dispatch(operation, input, true);
        await forget();
        return notSignedIn();
      }
      // The gateway's own 5xx (the function down, overloaded or timing out) is the project unreachable.
      if (!parsed.success && response.status >= 500) return offlineAnswer(operation, input);
      offline = false;
      offlineAsOf = null;
      return parsed.success ? parsed.data : fail('internal', 'The backend gave an answer the console does not understand.', 'operator');
    }
    if (error) return offlineAnswer(operation, input);
    const parsed = BridgeAnswer.safeParse(answer);
    if (!parsed.success) return fail('internal', 'The backend gave an answer the console does not understand.', 'operator');
    remember(operation, input, parsed.data);
    return parsed.data;
  };

  return {
    dispatch: (operation, input) =>
      typeof operation === 'string' ? dispatch(operation, input) : Promise.resolve(fail('not_found', 'Unknown operation.', 'operator')),
    async probe() {
      try {
        const response = await fetch(`${project.url}/auth/v1/settings`, {
          headers: { apikey: project.anonKey },
          signal: AbortSignal.timeout(options.callTimeoutMs ?? 20_000),
        });
        await response.body?.cancel();
        if (response.status === 401 || response.status === 403) return authFailure({ status: 401 });
        return response.ok ? { ok: true, value: null } : fail('not_found', 'There is no Supabase project at this address.', 'org_admin');
      } catch {
        return unreachable();
      }
    },
    async signInWithPassword(email, password) {
      const { error } = await client.auth.signInWithPassword({ email, password });
      return error ? authFailure(error) : { ok: true, value: null };
    },
    async sendCode(email) {
      const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
      // Auth refuses an address without an account ("Signups not allowed for otp"); the answer is
      // the same as for one with, so no one can learn from it who is an admin.
      if (!error || (error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429))
        return { ok: true, value: null };
      return authFailure(error);
    },
    async verifyCode(email, code) {
      const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
      return error ? authFailure(error) : { ok: true, value: null };
    },
    async signOut() {
      await forget();
      offline = false;
      offlineAsOf = null;
    },
    async status() {
      // While offline, the status itself tries the project again, so the banner goes by itself.
      if (offline) await dispatch('session.get', {});
      let user: Pick<User, 'id' | 'email'> | null;
      if (offline) user = await storedUser();
      else {
        const current = await currentSession();
        user = current.session?.user ?? (current.unreachable ? await storedUser() : null);
      }
      return { projectUrl: project.url, signedInAs: user?.email ?? null, sessionPersisted: storage.persisted, offline, offlineAsOf };
    },
    stop() {
      void client.auth.stopAutoRefresh();
    },
  };
}
