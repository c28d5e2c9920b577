import type { BridgeResult } from '../../../shared/contract/bridge.ts';

type Dispatch = (operation: unknown, input: unknown) => Promise<BridgeResult>;

/** Where the component tests' bridge sends calls: the embedded host of the running test file. */
export const bridgeTarget: { current: Dispatch | null } = ((globalThis as { __mscBridgeTarget?: { current: Dispatch | null } }).__mscBridgeTarget ??=
  {
    current: null,
  });
