import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

// Process boundaries are lint rules, not conventions:
// - shared/ is loaded by Deno, Node and the browser, so it may not import electron, node:* or DOM-only code;
// - renderer/ runs sandboxed, so it may not import electron or node:*;
// - backend/ is runtime-agnostic except its `*.node.ts` drivers.
// Every Node built-in counts, with or without the `node:` prefix (`zlib`, `fs/promises`, `node:sqlite`),
// and so does pg, the driver for the PostgreSQL server.
const nodeOnly = [...builtinModules, 'pg'];
/** In a `forbid` list: every Node built-in, bare or `node:`-prefixed, and pg. */
const NODE_BUILTINS = Symbol('every Node built-in');
// esquery ends a regex at its first '/', so slashes are written as \x2F.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '\\x2F');

/**
 * One rule set for static and dynamic imports alike, from a list of what a layer may not import:
 * package names (`pg`, which also covers `pg/lib/client`), `**\/folder/**` layers, and
 * NODE_BUILTINS. no-restricted-imports sees `import` and `export … from`; the selector sees the
 * source of `import()`, which it does not, and a computed `import()` is refused outright.
 */
const forbid = (groups, message) => {
  const packages = groups.flatMap((group) => (group === NODE_BUILTINS ? nodeOnly : group.includes('*') ? [] : [group]));
  const layers = groups.filter((group) => typeof group === 'string' && group.includes('*'));
  const prefixed = groups.includes(NODE_BUILTINS) ? ['node:'] : [];
  const source = [
    ...prefixed.map((prefix) => `^${escape(prefix)}`),
    ...packages.map((name) => `^${escape(name)}(\\x2F|$)`),
    ...layers.map((layer) => `(^|\\x2F)${escape(layer.replace(/^\*\*\//, '').replace(/\/\*\*$/, ''))}\\x2F`),
  ].join('|');
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message })),
        // Bare names match exactly in `paths` (so `../crypto/x.ts` is fine); `name/*` adds their subpaths.
        patterns: [{ group: [...prefixed.map((prefix) => `${prefix}*`), ...packages.map((name) => `${name}/*`), ...layers], message }],
      },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.type!='Literal']`, message: `${message} (A computed import() hides what it loads.)` },
      { selector: `ImportExpression[source.value=/${source}/]`, message },
    ],
  };
};

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
      ['electron', NODE_BUILTINS, 'react', 'react-dom', '**/renderer/**', '**/electron/**', '**/backend/**', '**/sim/**'],
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
        ['electron', NODE_BUILTINS, '**/electron/**', '**/backend/**', '**/sim/**', '@electric-sql'],
        'The renderer is sandboxed: reach the backend only through the typed client over the preload bridge.',
      ),
    },
  },
  {
    files: ['backend/**/*.ts'],
    ignores: ['backend/**/*.node.ts'],
    rules: forbid(
      ['electron', NODE_BUILTINS, '@electric-sql', '**/renderer/**', '**/electron/**', '**/sim/**'],
      'backend/ runs in Node and in Deno Edge Functions: runtime-specific code belongs in a *.node.ts driver.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(['**/backend/**', '**/renderer/**', NODE_BUILTINS], 'The preload is a narrow bridge: no business logic, no node modules.'),
  },
  {
    files: [
      'electron/**/*.ts',
      'sim/**/*.ts',
      'tests/**/*.{ts,tsx,mjs}',
      'scripts/**/*.{ts,mjs}',
      'bench/**/*.ts',
      '*.config.{ts,js}',
      'backend/**/*.node.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // An import cycle is a layering mistake even where it happens to load: each file's
    // dependencies should run one way.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
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
