import type { z } from 'zod';
import type { Contract, OutputOf, ParsedInputOf } from '../../shared/contract/operation.ts';
import type { BridgeResult } from '../../shared/contract/bridge.ts';
import { clipText, presentableError } from '../../shared/domain/errors.ts';
import { toAppErrorPayload } from './to-app-error.ts';

export type Handler<C extends Contract, K extends keyof C, Ctx> = (input: ParsedInputOf<C, K>, context: Ctx) => Promise<OutputOf<C, K>>;

export interface RouterOptions {
  /** Called with failures that are not the user's to fix, for the log. Never sent to the caller. */
  onInternalError?: (operation: string, error: unknown) => void;
}

export interface Router<C extends Contract, Ctx> {
  register<K extends keyof C & string>(name: K, handler: Handler<C, K, Ctx>): void;
  /** Validates name and input against the contract, runs the handler, validates its output. */
  dispatch(name: unknown, input: unknown, context: Ctx): Promise<BridgeResult>;
  /** Operations of the contract with no handler yet. */
  missing(): string[];
}

const QUOTED_KEYS = 3;

/** What an unknown key is called in an issue: quoted, and never longer than a short name. */
const quotedKey = (key: string): string => JSON.stringify(clipText(key, 40));

/**
 * The failing paths of an invalid input. zod's own message for unknown keys lists every one of
 * them, whatever their number and length; this names a few and counts the rest.
 */
function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    if (issue.code !== 'unrecognized_keys') return { path, message: issue.message };
    const named = issue.keys.slice(0, QUOTED_KEYS).map(quotedKey).join(', ');
    const more = issue.keys.length - QUOTED_KEYS;
    return { path, message: more > 0 ? `Not a field here: ${named} and ${more} more.` : `Not a field here: ${named}.` };
  });
}

export function createRouter<C extends Contract, Ctx>(contract: C, options: RouterOptions = {}): Router<C, Ctx> {
  type AnyHandler = (input: unknown, context: Ctx) => Promise<unknown>;
  const handlers = new Map<string, AnyHandler>();

  return {
    register(name, handler) {
      if (!Object.hasOwn(contract, name)) throw new Error(`Operation "${name}" is not in the contract`);
      if (handlers.has(name)) throw new Error(`Operation "${name}" is already registered`);
      handlers.set(name, handler as AnyHandler);
    },

    async dispatch(name, input, context) {
      if (typeof name !== 'string' || !Object.hasOwn(contract, name) || !handlers.has(name)) {
        return { ok: false, error: { code: 'not_found', message: 'Unknown operation.', actor: 'operator' } };
      }
      const operation = contract[name] as C[string];
      const handler = handlers.get(name) as AnyHandler;
      const parsed = operation.input.safeParse(input ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: presentableError({
            code: 'invalid_input',
            message: 'Some fields are not valid.',
            actor: 'org_admin',
            issues: issuesOf(parsed.error),
          }),
        };
      }
      try {
        const value = await handler(parsed.data, context);
        // The output is checked too, so a handler can never leak a column the contract does not name.
        return { ok: true, value: operation.output.parse(value) };
      } catch (error) {
        const { payload, expected } = toAppErrorPayload(error);
        if (!expected) options.onInternalError?.(name, error);
        return { ok: false, error: presentableError(payload) };
      }
    },

    missing() {
      return Object.keys(contract).filter((name) => !handlers.has(name));
    },
  };
}
