import { ipcMain } from 'electron';
import { INVOKE_CHANNEL, type BridgeResult } from '../../shared/contract/bridge.ts';
import { isTrustedRendererUrl, type TrustedOrigins } from './trusted-url.ts';

/** One fixed channel; the router behind `dispatch` validates the operation and its input. */
export function registerIpc(dispatch: (operation: unknown, input: unknown) => Promise<BridgeResult>, trusted: TrustedOrigins): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, operation: unknown, input: unknown): Promise<BridgeResult> => {
    if (!isTrustedRendererUrl(event.senderFrame?.url, trusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page.', actor: 'operator' } };
    }
    return dispatch(operation, input);
  });
}
