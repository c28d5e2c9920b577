/**
 * The part of the `Deno` global the functions use, for `tsc -p supabase/functions` only. Deno
 * itself never loads this file (nothing imports it); `deno check` uses Deno's own types.
 */
declare namespace Deno {
  interface Env {
    get(key: string): string | undefined;
  }
  const env: Env;

  interface NetAddr {
    transport: 'tcp' | 'udp';
    hostname: string;
    port: number;
  }
  interface ServeOptions {
    hostname?: string;
    port?: number;
    signal?: AbortSignal;
    onListen?: (localAddr: NetAddr) => void;
  }
  type ServeHandler = (request: Request) => Response | Promise<Response>;
  interface HttpServer {
    readonly finished: Promise<void>;
    shutdown(): Promise<void>;
  }
  function serve(handler: ServeHandler): HttpServer;
  function serve(options: ServeOptions, handler: ServeHandler): HttpServer;
  /** Microseconds of CPU this process has used. Optional: not every runtime that runs Deno code has it. */
  const cpuUsage: (() => { user: number; system: number }) | undefined;
}
