import { timeoutFailure } from './vendor-failures.ts';
import type { VendorWording } from './vendor-wording.ts';

/**
 * Runs `work` with a signal that aborts when the caller aborts or when `timeoutMs` passes.
 * A timeout aborts with the source_timeout SourceError itself as the reason, so it can never be
 * mistaken for the caller's own cancellation (which may also be a timeout of theirs).
 */
export async function withDeadline<T>(
  vendor: VendorWording,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  callerSignal?.throwIfAborted();
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeoutFailure(vendor, timeoutMs)), timeoutMs);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
