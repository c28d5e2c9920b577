import type { AppErrorPayload } from '../domain/errors.ts';

/** What crosses the preload bridge back to the renderer: a value, or an error fit to show. */
export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: AppErrorPayload };

/**
 * The whole preload bridge, exposed as `window.consoleBridge`. One named function on one fixed
 * channel; the router checks the operation name and its input against the contract.
 * This file stays free of runtime imports so the sandboxed preload bundle stays tiny.
 */
export interface ConsoleBridge {
  call(operation: string, input: unknown): Promise<BridgeResult>;
}

export const BRIDGE_GLOBAL = 'consoleBridge';
export const INVOKE_CHANNEL = 'console:call';
