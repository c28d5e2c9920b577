import { operations } from './operations.ts';
import { consoleOperations } from './console.ts';

/** Everything the renderer can call over the bridge: the backend's operations and the console's own. */
export const bridgeOperations = { ...operations, ...consoleOperations };
export type BridgeOperations = typeof bridgeOperations;
export type BridgeOperationName = keyof BridgeOperations;
