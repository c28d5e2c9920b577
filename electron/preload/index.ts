import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, INVOKE_CHANNEL, type BridgeResult, type ConsoleBridge } from '../../shared/contract/bridge.ts';

// Named functions only: never ipcRenderer itself, never process.env, never a generic `on`.
const bridge = {
  call: (operation: string, input: unknown): Promise<BridgeResult> => ipcRenderer.invoke(INVOKE_CHANNEL, operation, input),
} satisfies ConsoleBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
