import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure logic and components; `db` talks to PGlite always and to the
// PostgreSQL server when DATABASE_URL is set. Both run in one `vitest run`.
// A third, `functions`, runs the Edge Functions under the real Deno binary against the
// PostgreSQL server, so it exists only when DATABASE_URL is set: without a server there is
// nothing it could test, and leaving it out of the config is visible (`--project functions`
// then fails with "No projects matched"), where skipped tests would pass quietly.
const databaseUrl = process.env.DATABASE_URL;
const functionsProject = {
  test: {
    name: 'functions',
    include: ['tests/functions/**/*.test.ts'],
    environment: 'node',
    // Deno compiles and caches on its first run; syncs go over real HTTP.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        // Components through roles and labels (Testing Library) in happy-dom, over the real
        // embedded host: the same router, handlers and PGlite database the console runs.
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.tsx'],
          environment: './tests/support/renderer/happy-dom-ssr.ts',
          setupFiles: ['./tests/support/renderer/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are heavy on a 2-core machine; keep files sequential.
          fileParallelism: false,
        },
      },
      {
        // The built main process (npm run build first) under the Electron stand-in, run from a
        // copy of what electron-builder packages.
        test: {
          name: 'main',
          include: ['tests/main/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      ...(databaseUrl !== undefined && databaseUrl !== '' ? [functionsProject] : []),
    ],
  },
});
