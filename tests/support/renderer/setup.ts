import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { BRIDGE_GLOBAL, type BridgeResult, type ConsoleBridge } from '../../../shared/contract/bridge.ts';
import { bridgeTarget } from './bridge-target.ts';

// The renderer's client reads the bridge when it is first imported, before a test has started its
// host; this bridge has the preload's exact shape and forwards to whichever host the test set.
const bridge = {
  call: (operation: string, input: unknown): Promise<BridgeResult> => {
    const dispatch = bridgeTarget.current;
    if (!dispatch) throw new Error('No embedded host: call startConsoleHarness() first');
    return dispatch(operation, input);
  },
} satisfies ConsoleBridge;
Object.defineProperty(window, BRIDGE_GLOBAL, { value: Object.freeze(bridge), configurable: true });

afterEach(cleanup);
