import {
  bridgeOperations as operations,
  type BridgeOperationName as OperationName,
  type BridgeOperations as Operations,
} from '../../../shared/contract/bridge-operations.ts';
import type { InputOf, OutputOf } from '../../../shared/contract/operation.ts';
import { BRIDGE_GLOBAL, type ConsoleBridge } from '../../../shared/contract/bridge.ts';
import type { AppErrorPayload } from '../../../shared/domain/errors.ts';

/** A failure the backend chose to tell the user about. */
export class ApiError extends Error {
  readonly payload: AppErrorPayload;
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.payload = payload;
  }
}

type DomainOf<K> = K extends `${infer Domain}.${string}` ? Domain : never;
type Method<K extends OperationName> = (input: InputOf<Operations, K>) => Promise<OutputOf<Operations, K>>;

/** `api.sync.start({ integrationId })`: a wrong name or argument fails `tsc`. */
export type ApiClient = {
  [D in DomainOf<OperationName>]: {
    [K in OperationName as K extends `${D}.${infer Verb}` ? Verb : never]: Method<K>;
  };
};

/** One operation by name, its answer parsed by the contract. */
export type CallOperation = <K extends OperationName>(name: K, input: InputOf<Operations, K>) => Promise<OutputOf<Operations, K>>;

export function createCaller(bridge: ConsoleBridge): CallOperation {
  return async (name, input) => {
    const result = await bridge.call(name, input);
    if (!result.ok) throw new ApiError(result.error);
    // The bridge is a process boundary: the answer is `unknown` until the contract parses it.
    return operations[name].output.parse(result.value) as never;
  };
}

export function createApiClient(bridge: ConsoleBridge): ApiClient {
  const call = createCaller(bridge);
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    const [domain, verb] = name.split('.') as [string, string];
    client[domain] ??= {};
    client[domain][verb] = (input) => call(name, input as never);
  }
  return client as unknown as ApiClient;
}

function bridgeFromWindow(): ConsoleBridge {
  const bridge = (window as unknown as Record<string, ConsoleBridge | undefined>)[BRIDGE_GLOBAL];
  if (!bridge) throw new Error('The console bridge is missing: the preload script did not run');
  return bridge;
}

const bridge = bridgeFromWindow();
export const api = createApiClient(bridge);
export const callOperation = createCaller(bridge);
