import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure logic and components; `db` talks to PGlite always and to the
// PostgreSQL server when DATABASE_URL is set. Both run in one `vitest run`.
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
    ],
  },
});
