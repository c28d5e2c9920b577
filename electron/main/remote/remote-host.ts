import { createClient, FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import { IntegrationHealth, type Session } from '../../../shared/contract/schemas.ts';
import { AppErrorPayload } from '../../../shared/domain/errors.ts';
import { readSetting, writeSetting, type KeyValueStore } from '../platform/settings-store.ts';
import { offlineBoard, summarize } from './offline-review.ts';
import type { SealedSessionStorage } from './sealed-session-storage.ts';

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
  /** When the backend could not be reached at the last call: the time of the summary shown. */
  offlineAsOf: string | null;
}

export interface RemoteHost {
  dispatch(operation: unknown, input: unknown): Promise<BridgeResult>;
  signInWithPassword(email: string, password: string): Promise<BridgeResult>;
  /** E-mails a one-time code to an existing account; never creates one. */
  sendCode(email: string): Promise<BridgeResult>;
  verifyCode(email: string, code: string): Promise<BridgeResult>;
  /** Ends the session at Supabase where it can be reached, and forgets it here either way. */
  signOut(): Promise<void>;
  status(): Promise<RemoteStatus>;
}

const fail = (code: AppErrorPayload['code'], message: string, actor: AppErrorPayload['actor'] = 'org_admin'): BridgeResult => ({
  ok: false,
  error: { code, message, actor },
});
const unreachable = (): BridgeResult =>
  fail('backend_unreachable', 'The backend cannot be reached. Check the internet connection; the console keeps trying.', 'operator');
const notSignedIn = (): BridgeResult => fail('not_signed_in', 'Sign in to the project to continue.');

const BridgeAnswer = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: AppErrorPayload })]);
const HealthInput = z.object({ orgId: z.uuid().optional() }).catch({});

/** Auth's refusals in words an admin can act on; anything else means Auth could not be reached. */
function authFailure(error: { status?: number | undefined; code?: string | undefined } | null): BridgeResult {
  if (error?.code === 'invalid_credentials') return fail('not_signed_in', 'The e-mail address or password is wrong.');
  if (error?.code === 'otp_expired') return fail('not_signed_in', 'The code is wrong or has expired. Ask for a new one.');
  if (error?.code === 'over_email_send_rate_limit' || error?.status === 429)
    return fail('conflict', 'Too many attempts. Wait a minute and try again.');
  if (error?.status !== undefined && error.status >= 400 && error.status < 500)
    return fail('not_signed_in', 'Sign-in was refused. Check the e-mail address.');
  return unreachable();
}

/**
 * The remote host: each bridge call goes to the project's `admin-api` Edge Function with the
 * admin's own access token (`functions.invoke`), and comes back as the same bridge result the
 * embedded host gives. The supabase-js client lives here, in the main process: the renderer
 * never sees a token. After each full board read a non-PII summary is kept; when the backend
 * cannot be reached the board is answered from it, and every call tries the backend again first.
 */
export function createRemoteHost(options: RemoteHostOptions): RemoteHost {
  const { project, storage, store } = options;
  const client: SupabaseClient = createClient(project.url, project.anonKey, {
    auth: { storage, storageKey: 'console-auth', flowType: 'pkce', persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
    ...(options.realtimeTransport ? { realtime: { transport: options.realtimeTransport as never } } : {}),
  });
  let offlineAsOf: string | null = null;

  const review = () => {
    const saved = readSetting(store, 'offlineReview');
    return saved?.projectUrl === project.url ? saved : undefined;
  };
  const offlineAnswer = async (operation: string, input: unknown): Promise<BridgeResult> => {
    const saved = review();
    if (!saved) return unreachable();
    offlineAsOf = saved.savedAt;
    if (operation === 'health.list') return { ok: true, value: offlineBoard(saved, HealthInput.parse(input).orgId) };
    if (operation === 'session.get') {
      const { data } = await client.auth.getSession();
      const user = data.session?.user;
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
    offlineAsOf = null;
    // Only a whole board is kept, so an organization's view never replaces everyone's.
    if (operation !== 'health.list' || !answer.ok || HealthInput.parse(input).orgId !== undefined) return;
    const board = z.array(IntegrationHealth).safeParse(answer.value);
    if (board.success) writeSetting(store, 'offlineReview', summarize(project.url, board.data));
  };

  return {
    async dispatch(operation, input) {
      if (typeof operation !== 'string') return fail('not_found', 'Unknown operation.', 'operator');
      const { data } = await client.auth.getSession();
      if (!data.session) return notSignedIn();
      const { data: answer, error } = await client.functions.invoke('admin-api', {
        body: { operation, input: input ?? {} },
        timeout: options.callTimeoutMs ?? 20_000,
      });
      if (error instanceof FunctionsHttpError) {
        const response = error.context as Response;
        if (response.status === 401) return notSignedIn();
        const parsed = BridgeAnswer.safeParse(await response.json().catch(() => null));
        // The gateway's own 5xx (the function down, overloaded or timing out) is the backend unreachable.
        if (!parsed.success && response.status >= 500) return offlineAnswer(operation, input);
        offlineAsOf = null;
        return parsed.success ? parsed.data : fail('internal', 'The backend gave an answer the console does not understand.', 'operator');
      }
      if (error) return offlineAnswer(operation, input);
      const parsed = BridgeAnswer.safeParse(answer);
      if (!parsed.success) return fail('internal', 'The backend gave an answer the console does not understand.', 'operator');
      remember(operation, input, parsed.data);
      return parsed.data;
    },
    async signInWithPassword(email, password) {
      const { error } = await client.auth.signInWithPassword({ email, password });
      return error ? authFailure(error) : { ok: true, value: null };
    },
    async sendCode(email) {
      const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
      return error ? authFailure(error) : { ok: true, value: null };
    },
    async verifyCode(email, code) {
      const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
      return error ? authFailure(error) : { ok: true, value: null };
    },
    async signOut() {
      await client.auth.signOut().catch(() => undefined);
      storage.clear();
      store.delete('offlineReview');
      offlineAsOf = null;
    },
    async status() {
      const { data } = await client.auth.getSession();
      return {
        projectUrl: project.url,
        signedInAs: data.session?.user.email ?? null,
        sessionPersisted: storage.persisted,
        offlineAsOf,
      };
    },
  };
}
