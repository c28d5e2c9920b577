import { describeError } from '../../../backend/logging/describe-error.ts';
import { internalError } from './json-response.ts';

export type FunctionHandler = (request: Request) => Promise<Response>;

/**
 * Serves a function's handler. Anything it throws is logged through `describeError` (no
 * member data, no SQL parameters) and answered with a bare 500: the caller never sees a
 * message or a stack.
 *
 * On Supabase the runtime decides where a function listens. Run locally (`deno run`, the
 * tests), `PORT` picks the port, on 127.0.0.1 only.
 */
export function serveFunction(name: string, handler: FunctionHandler): void {
  const guarded: FunctionHandler = async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      console.error(`${name}: request failed\n${describeError(error)}`);
      return internalError();
    }
  };
  const port = Deno.env.get('PORT');
  if (port === undefined) {
    Deno.serve(guarded);
    return;
  }
  if (!/^\d{1,5}$/.test(port)) throw new Error('PORT must be a port number');
  Deno.serve(
    {
      hostname: '127.0.0.1',
      port: Number(port),
      onListen: (address) => console.info(`${name}: listening on http://${address.hostname}:${address.port}/`),
    },
    guarded,
  );
}
