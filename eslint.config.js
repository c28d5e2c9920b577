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
const NODE = 'node';
// esquery ends a regex at its first '/', so slashes are written as \x2F.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '\\x2F');
// The same names as a pattern over a dynamic import's source, which no-restricted-imports does not see.
const sourcePattern = (groups) =>
  groups
    .flatMap((group) => (group === NODE ? ['node:', ...nodeOnly] : [group]))
    .map((group) => {
      if (group.endsWith(':')) return `^${escape(group)}`;
      if (group.startsWith('**/')) return escape(`/${group.slice(3, -3)}/`);
      if (group.endsWith('/*')) return `^${escape(group.slice(0, -1))}`;
      return `^${escape(group)}(\\x2F|$)`;
    })
    .join('|');
// Bare names are matched exactly (so `../crypto/x.ts` is fine); `node:*` and folders by pattern.
// `groups` names packages, `name/*` subpaths, `**/folder/**` layers, and NODE for every built-in.
const forbid = (groups, message) => {
  const bare = groups.flatMap((group) => (group === NODE ? nodeOnly : group.includes('*') ? [] : [group]));
  const patterns = groups.flatMap((group) => (group === NODE ? ['node:*'] : group.includes('*') ? [group] : []));
  return {
    'no-restricted-imports': ['error', { paths: bare.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.type!='Literal']`, message: `${message} (A computed import() hides what it loads.)` },
      { selector: `ImportExpression[source.value=/${sourcePattern(groups)}/]`, message },
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
      ['electron', 'electron/*', NODE, 'react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/electron/**', '**/backend/**', '**/sim/**'],
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
        ['electron', 'electron/*', NODE, '**/electron/**', '**/backend/**', '**/sim/**', '@electric-sql/*'],
        'The renderer is sandboxed: reach the backend only through the typed client over the preload bridge.',
      ),
    },
  },
  {
    files: ['backend/**/*.ts'],
    ignores: ['backend/**/*.node.ts'],
    rules: forbid(
      ['electron', 'electron/*', NODE, '@electric-sql/*', '**/renderer/**', '**/electron/**', '**/sim/**'],
      'backend/ runs in Node and in Deno Edge Functions: runtime-specific code belongs in a *.node.ts driver.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(['**/backend/**', '**/renderer/**', NODE], 'The preload is a narrow bridge: no business logic, no node modules.'),
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
