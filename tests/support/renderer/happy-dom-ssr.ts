import type { Environment } from 'vitest/runtime';
import { builtinEnvironments } from 'vitest/runtime';

/**
 * happy-dom's DOM with Node's module transform and Node's network. The component tests run the
 * real embedded host (PGlite, the simulator, the router) in the same process as the DOM: its
 * code finds migrations through `import.meta.url`, which must stay a file: URL (the built-in
 * happy-dom environment transforms modules for the browser and rewrites it), and it talks HTTP
 * to the simulator, which happy-dom's own fetch (a browser's, with CORS) would refuse.
 */
const NODE_GLOBALS = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'AbortController',
  'AbortSignal',
  'URL',
  'URLSearchParams',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'TextEncoder',
  'TextDecoder',
  'Blob',
] as const;

const happyDom = builtinEnvironments['happy-dom'];
export default {
  name: 'happy-dom-ssr',
  viteEnvironment: 'ssr',
  async setup(global, options) {
    const saved = new Map(NODE_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(global, name)]));
    const environment = await happyDom.setup(global, options);
    for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(global, name, descriptor);
    return environment;
  },
} satisfies Environment;
