import { z } from 'zod';
import { operation } from './operation.ts';
import { AnonKey, Connection, ProjectUrl } from './connection.ts';

/** Where the console works now, and what the admin must do next there. */
export const ConsoleStatus = z.object({
  /** `none` on a first start: the admin chooses the demo or a Supabase project. */
  connection: z.enum(['none', 'demo', 'supabase']),
  /** Set by the install's config file: the admin cannot switch to another project. */
  managed: z.boolean(),
  /** The install's project file exists but is not valid: what is wrong, for whoever set it up. Nothing else is offered. */
  managedProblem: z.string().nullable(),
  project: z
    .object({
      url: z.string(),
      /** The signed-in admin's e-mail, or null: then the sign-in screen shows. */
      signedInAs: z.string().nullable(),
      /** False when the keychain is missing or weak: the session ends when the console closes. */
      sessionPersisted: z.boolean(),
      /** The project could not be reached at the last call; the console keeps trying. */
      offline: z.boolean(),
      /** While offline: the time of the summary the board shows, or null when none was kept. */
      offlineAsOf: z.string().nullable(),
    })
    .nullable(),
  update: z.object({ state: z.enum(['none', 'ready']), version: z.string().nullable() }),
});
export type ConsoleStatus = z.infer<typeof ConsoleStatus>;

export const EmailAddress = z.email('Write the e-mail address you sign in with.').max(320);
export const SignInInput = z.object({ email: EmailAddress, password: z.string().min(1, 'Write your password.').max(1_000) }).strict();
export const SendCodeInput = z.object({ email: EmailAddress }).strict();
export const VerifyCodeInput = z
  .object({
    email: EmailAddress,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'The code has six digits.'),
  })
  .strict();
export { AnonKey, Connection, ProjectUrl };

const empty = z.object({}).strict();

/**
 * The console's own operations, served by the main process in either mode: where it works,
 * signing in and out, and updates. They never reach a backend host.
 */
export const consoleOperations = {
  'console.status': operation(empty, ConsoleStatus),
  'console.connect': operation(Connection, ConsoleStatus),
  'console.signIn': operation(SignInInput, ConsoleStatus),
  'console.sendCode': operation(SendCodeInput, z.null()),
  'console.verifyCode': operation(VerifyCodeInput, ConsoleStatus),
  'console.signOut': operation(empty, ConsoleStatus),
  /** Forgets the project (and signs out), back to the first-start choice. Not in a managed install. */
  'console.disconnect': operation(empty, ConsoleStatus),
  'console.restartToUpdate': operation(empty, z.object({ restarting: z.boolean() })),
} as const;
export type ConsoleOperations = typeof consoleOperations;
