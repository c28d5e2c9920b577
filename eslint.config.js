import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Process boundaries are lint rules, not conventions:
// - shared/ is loaded by Deno, Node and the browser, so it may not import electron, node:* or DOM-only code;
// - renderer/ runs sandboxed, so it may not import electron or node:*;
// - backend/ is runtime-agnostic except its `*.node.ts` drivers.
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'pg'];
// Bare names are matched exactly (so `../crypto/x.ts` is fine); `node:*` and folders by pattern.
const forbid = (groups, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.filter((name) => groups.includes(name)).map((name) => ({ name, message })),
      patterns: [{ group: groups.filter((name) => !nodeBuiltins.includes(name)), message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'supabase/functions/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: forbid(
      [
        'electron',
        'electron/*',
        'node:*',
        ...nodeBuiltins,
        'react',
        'react-dom',
        'react-dom/*',
        '**/renderer/**',
        '**/electron/**',
        '**/backend/**',
        '**/sim/**',
      ],
      'shared/ runs in Deno, Node and the browser: no electron, node:*, DOM or process-specific imports.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        ['electron', 'electron/*', 'node:*', ...nodeBuiltins, '**/electron/**', '**/backend/**', '**/sim/**', '@electric-sql/*'],
        'The renderer is sandboxed: reach the backend only through the typed client over the preload bridge.',
      ),
    },
  },
  {
    files: ['backend/**/*.ts'],
    ignores: ['backend/**/*.node.ts'],
    rules: forbid(
      ['electron', 'electron/*', 'node:*', ...nodeBuiltins, '@electric-sql/*', '**/renderer/**', '**/electron/**', '**/sim/**'],
      'backend/ runs in Node and in Deno Edge Functions: runtime-specific code belongs in a *.node.ts driver.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(
      ['**/backend/**', '**/renderer/**', 'node:*', ...nodeBuiltins],
      'The preload is a narrow bridge: no business logic, no node modules.',
    ),
  },
  {
    files: [
      'electron/**/*.ts',
      'sim/**/*.ts',
      'tests/**/*.{ts,tsx}',
      'scripts/**/*.{ts,mjs}',
      'bench/**/*.ts',
      '*.config.{ts,js}',
      'backend/**/*.node.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line tools print their results.
    files: ['sim/**/cli.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
