import { z } from 'zod';
import { CronExpression } from '../domain/cron.ts';
import { IntegrationCredentials, MemberSystem } from '../domain/integration.ts';
import { ErrorActor, ErrorCode } from '../domain/errors.ts';
import { StorableText } from '../domain/storable.ts';
import { parseWebAddress } from '../domain/web-address.ts';
import { isoDateTime, SyncJobView } from './schemas.ts';

export const IntegrationSchedule = z.object({
  integrationId: z.uuid(),
  /** Five-field cron, in `scheduleTimezone` wall-clock time. */
  scheduleCron: z.string(),
  scheduleTimezone: z.string(),
  deltaIntervalMinutes: z.number().int(),
  /** Null until the scheduler has worked out the next run from the schedule. */
  nextFullSyncAt: isoDateTime.nullable(),
  nextDeltaSyncAt: isoDateTime.nullable(),
});
export type IntegrationSchedule = z.infer<typeof IntegrationSchedule>;

/** How often changes are polled between full syncs (the database allows 5 min to 24 h). */
export const DeltaIntervalMinutes = z.number().int().min(5).max(1440);

export const UpdateScheduleInput = z
  .object({
    integrationId: z.uuid(),
    scheduleCron: CronExpression,
    deltaIntervalMinutes: DeltaIntervalMinutes,
  })
  .strict();

/** The auth kinds each registry takes: Cornerstone an API key or a user + client id, Consio OAuth client credentials. */
export const authKindsBySystem = {
  cornerstone: ['user_password_client', 'api_key'],
  consio: ['client_credentials'],
} as const satisfies Record<MemberSystem, ReadonlyArray<IntegrationCredentials['kind']>>;

export const AuthKind = z.enum(['api_key', 'user_password_client', 'client_credentials']);
export type AuthKind = z.infer<typeof AuthKind>;

/**
 * A registry's API address, normalised to what is stored and called. No username, password,
 * query or fragment: the adapter would drop them before calling, and stored they could keep a
 * secret (`?apikey=…`) in plain text. Whether the scheme and host are allowed is the adapter's
 * to say (https, or http to this machine in a host that runs the simulators).
 */
export const RegistryAddress = StorableText.trim()
  .min(1)
  .max(500)
  .transform((value, ctx) => {
    const url = parseWebAddress(value);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: 'Not a web address; write the whole address, like https://api.example.no.' });
      return z.NEVER;
    }
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      ctx.addIssue({ code: 'custom', message: 'Write the address without a username, password, "?" query or "#" part.' });
      return z.NEVER;
    }
    return url.pathname === '/' ? url.origin : url.href.replace(/\/+$/, '');
  });

/**
 * Where a registry is and how to sign in to it, as an admin enters it. The credentials are
 * sent together with the address they are for, always: they go to the backend and no further.
 */
export const RegistryConnection = z
  .object({
    system: MemberSystem,
    /** The registry's API address; https, except to this machine in a host that runs the simulator itself. */
    baseUrl: RegistryAddress,
    credentials: IntegrationCredentials,
  })
  .strict()
  .superRefine((value, ctx) => {
    const allowed: ReadonlyArray<string> = authKindsBySystem[value.system];
    if (!allowed.includes(value.credentials.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['credentials', 'kind'],
        message:
          value.system === 'consio'
            ? 'Consio takes a client id and a client secret.'
            : 'Cornerstone takes an API key, or a username, password and client id.',
      });
    }
  });
export type RegistryConnection = z.infer<typeof RegistryConnection>;

/**
 * What an administrator must know about a failed connection test, finer than the error code:
 * it decides which words the console shows and who it says must act.
 */
export const ConnectionProblem = z.enum([
  'wrong_password',
  'unknown_client',
  'wrong_api_key',
  'wrong_client_secret',
  'no_member_access',
  'invalid_address',
  'unreachable',
  'timeout',
  'rate_limited',
  'server_error',
  'bad_response',
  /** The saved credentials are missing, or cannot be read on this computer (a new keychain key): enter them again. */
  'credentials_unavailable',
]);
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

/** The hard deadline of a connection test; a healthy registry answers in well under a second. */
export const CONNECTION_TEST_DEADLINE_MS = 10_000;

export const TestConnectionInput = z.discriminatedUnion('source', [
  /**
   * Credentials typed into a form and not saved. With `integrationId`, for that integration
   * (its admins may test); without, for an organization being onboarded (global admins only).
   */
  z.object({ source: z.literal('form'), integrationId: z.uuid().optional(), connection: RegistryConnection }).strict(),
  /** The credentials saved for an integration. */
  z.object({ source: z.literal('saved'), integrationId: z.uuid() }).strict(),
]);
export type TestConnectionInput = z.infer<typeof TestConnectionInput>;

export const ConnectionTestResult = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('connected'),
    /** The organization the registry says these credentials belong to (Consio and Cornerstone both report it). */
    organizationName: z.string().nullable(),
    /** Members the registry holds now, for the onboarding preview. */
    memberCount: z.number().int().nonnegative().nullable(),
    /** Whether the registry can push changes for this organization. */
    webhooksAvailable: z.boolean(),
    elapsedMs: z.number().int().nonnegative(),
  }),
  z.object({
    outcome: z.literal('failed'),
    problem: ConnectionProblem,
    code: ErrorCode,
    /** Who must act: the organization's admin, the registry's vendor, or the app's operator. */
    actor: ErrorActor,
    /** English fallback; the console words the problem itself. Never contains a credential. */
    message: z.string(),
    elapsedMs: z.number().int().nonnegative(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/** Hours a replaced webhook secret is still accepted, so Cornerstone can be updated without losing deliveries. */
export const WebhookOverlapHours = z.number().int().min(0).max(168);

export const WebhookStatus = z.object({
  /** Whether this registry can send webhooks for this organization; without them only scheduled syncs run. */
  supported: z.boolean(),
  /** The address to enter in Cornerstone; null where webhooks are not supported or not served by this host. */
  receivingUrl: z.string().nullable(),
  /** When the current signing secret was made; null when none has been made. */
  secretCreatedAt: isoDateTime.nullable(),
  /** Until when the replaced secret is still accepted; null when no old secret is accepted. */
  previousSecretValidUntil: isoDateTime.nullable(),
  lastDeliveryAt: isoDateTime.nullable(),
  /** Deliveries refused for their signature in the last 24 hours, and the latest one. */
  signatureFailures: z.object({ last24h: z.number().int().nonnegative(), lastAt: isoDateTime.nullable() }),
});
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** An integration as its settings screen shows it. Saved credentials are never shown, only when they changed and last worked. */
export const IntegrationSettings = IntegrationSchedule.extend({
  orgId: z.uuid(),
  orgName: z.string(),
  system: MemberSystem,
  displayName: z.string(),
  baseUrl: z.string(),
  authKind: AuthKind,
  enabled: z.boolean(),
  credentials: z.object({
    saved: z.boolean(),
    changedAt: isoDateTime.nullable(),
    /** The last time they were accepted: a connection test or a sync that succeeded with them. */
    lastWorkedAt: isoDateTime.nullable(),
  }),
  webhooks: WebhookStatus,
  /** True until a full sync has succeeded: the next one is the initial sync. */
  awaitingInitialSync: z.boolean(),
});
export type IntegrationSettings = z.infer<typeof IntegrationSettings>;

export const IntegrationIdInput = z.object({ integrationId: z.uuid() }).strict();

export const DisplayName = StorableText.trim().min(1).max(120);

/**
 * Changes to an integration; what is left out stays as it is. Where credentials are sent
 * (the address, the auth kind) changes only together with new credentials, in `connection`,
 * which is tested before anything is saved.
 */
export const UpdateIntegrationInput = z
  .object({
    integrationId: z.uuid(),
    displayName: DisplayName.optional(),
    enabled: z.boolean().optional(),
    scheduleCron: CronExpression.optional(),
    deltaIntervalMinutes: DeltaIntervalMinutes.optional(),
    connection: z.object({ baseUrl: RegistryAddress, credentials: IntegrationCredentials }).strict().optional(),
  })
  .strict();
export type UpdateIntegrationInput = z.infer<typeof UpdateIntegrationInput>;

export const UpdateIntegrationOutput = z.object({
  integration: IntegrationSettings,
  /** The full sync queued because saving tested credentials activated the integration; null when none was needed. */
  queuedJob: SyncJobView.nullable(),
});

/** A registry connection for an organization, with its schedule: what onboarding and "add an integration" save. */
export const NewIntegration = z
  .object({
    connection: RegistryConnection,
    scheduleCron: CronExpression,
    deltaIntervalMinutes: DeltaIntervalMinutes,
  })
  .strict();
export type NewIntegration = z.infer<typeof NewIntegration>;

export const CreateIntegrationInput = z.object({ orgId: z.uuid(), integration: NewIntegration }).strict();

export const RotateWebhookSecretInput = z
  .object({
    integrationId: z.uuid(),
    /** How long the secret it replaces is still accepted. Default 24 hours. */
    overlapHours: WebhookOverlapHours.default(24),
  })
  .strict();

export const RotateWebhookSecretOutput = z.object({
  /** Shown once, to be entered in Cornerstone; it cannot be read back afterwards. */
  secret: z.string(),
  webhooks: WebhookStatus,
});
