// The house rules a tool can check (STYLE.md §1, §14): import boundaries
// between client, server and shared, the server's layers, which folder may
// talk to which library, no import cycles, and no lint exception without a
// reason. Kept to rules that need no type information, so `npm run lint`
// stays fast on a 2-core machine.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The server's target layout. Top-level files wire everything together;
// low-level modules are plumbing and adapters that no feature lives in;
// features may use low-level modules and each other, never the wiring.
export const SERVER_TOP = ['main.ts', 'app.ts', 'start.ts'];
export const SERVER_LOW = [
  'errors.ts', 'config', 'log', 'metrics', 'tls', 'http', 'net', 'imap', 'smtp', 'mime', 'sieve', 'store', 'session',
];
export const SERVER_FEATURES = [
  'auth', 'mail', 'threads', 'folders', 'search', 'bulk', 'filters', 'compose', 'contacts', 'identities', 'outbox',
  'remote', 'settings', 'uploads', 'push',
];

// A library that only one adapter folder may import (STYLE.md §1, §14).
const ADAPTERS = [
  { name: 'imapflow', folder: 'server/imap', why: 'IMAP goes through MailSession in server/imap/' },
  { name: 'nodemailer', folder: 'server/smtp', why: 'SMTP submission goes through server/smtp/' },
  { name: 'better-sqlite3', folder: 'server/store', why: 'all SQL lives in server/store/' },
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

/** `no-restricted-imports` options that forbid the adapters' libraries except `allowed`. */
function adapterImports(allowed) {
  return {
    paths: ADAPTERS.filter((a) => a.name !== allowed).map((a) => ({
      name: a.name,
      message: `only ${a.folder}/ imports ${a.name}: ${a.why}.`,
    })),
  };
}

/**
 * The zones of `import-x/no-restricted-paths`, anchored at `root`.
 * `production` adds the zones that test files are exempt from.
 */
function zones(production) {
  const server = (names) => names.map((n) => `./server/${n}`);
  const all = [
    {
      target: './client',
      from: ['./server', './e2e'],
      message: 'client/ runs in the browser: it shares code with the server only through shared/.',
    },
    {
      target: './shared',
      from: ['./server', './client', './e2e', './vite.config.ts', './vitest.config.ts', './eslint.config.js'],
      message: 'shared/ is imported by both sides, so it imports nothing of ours outside shared/.',
    },
    {
      target: server(SERVER_LOW),
      from: './server',
      except: [...SERVER_LOW],
      message: 'a low-level server module imports only other low-level modules and shared/ (never a feature or the wiring).',
    },
    {
      target: server(SERVER_FEATURES),
      from: './server',
      except: [...SERVER_LOW, ...SERVER_FEATURES],
      message:
        'a feature imports low-level modules, other features and shared/, never the wiring (main.ts, app.ts, start.ts). ' +
        'A new server folder is added to a layer in eslint.config.js.',
    },
  ];
  if (production) {
    all.push({
      target: './server',
      from: ['./client', './e2e'],
      message: 'server code never imports client/ or e2e/ (tests may use e2e/ helpers).',
    });
  }
  return all;
}

/** The whole config, with paths anchored at `root` (the unit test lints a fixture tree with it). */
export function configFor(root) {
  const restrictedPaths = (production) => ['error', { basePath: root, zones: zones(production) }];
  return defineConfig(
    { ignores: ['dist/', 'coverage/', '.run/', 'node_modules/'] },
    {
      linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    comments.recommended,
    {
      rules: {
        // An exception to a rule says why, on the same line: `-- because …`.
        '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
        // The `_`-prefix is how this code marks a deliberately unused binding.
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
        ],
      },
    },
    {
      files: ['**/*.{ts,tsx,js,mjs}'],
      plugins: { 'import-x': importX },
      settings: {
        // Which files import-x reads to follow imports (no-cycle): without
        // these it skips every .ts file and finds no cycle at all.
        'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
        // NodeNext imports name the emitted `.js`; the source is `.ts`/`.tsx`.
        'import-x/resolver-next': [
          createNodeResolver({ extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } }),
        ],
      },
      rules: {
        'import-x/no-restricted-paths': restrictedPaths(true),
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
        'no-restricted-imports': ['error', adapterImports(null)],
      },
    },
    // Each adapter folder may import its own library.
    ...ADAPTERS.map((a) => ({
      files: [`${a.folder}/**`],
      rules: { 'no-restricted-imports': ['error', adapterImports(a.name)] },
    })),
    {
      files: ['shared/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            ...adapterImports(null),
            patterns: [
              {
                regex: `^(node:|(${NODE_BUILTINS.join('|')})(/|$))`,
                message: 'shared/ runs in the browser too: no Node built-ins.',
              },
              {
                regex: '^(react|react-dom|dompurify|idb|socket\\.io-client|@tanstack|@tiptap|i18next|react-i18next)(/|$)',
                message: 'shared/ runs on the server too: no browser-only modules.',
              },
            ],
          },
        ],
      },
    },
    // Tests and e2e/ (the mail stack, benchmarks against raw imapflow) may
    // import what they exercise and the e2e/ helpers.
    {
      files: [...TESTS, 'e2e/**'],
      rules: {
        'import-x/no-restricted-paths': restrictedPaths(false),
        'no-restricted-imports': 'off',
      },
    },
    {
      files: ['client/**/*.{ts,tsx}'],
      plugins: { 'react-hooks': reactHooks },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
      },
    },
    {
      files: ['client/sw/**/*.js'],
      // __SHELL_FILES__ is replaced with the build's asset list by vite.config.ts.
      languageOptions: { globals: { ...globals.serviceworker, __SHELL_FILES__: 'readonly' } },
    },
    { files: ['**/*.mjs', 'eslint.config.js'], languageOptions: { globals: globals.node } },
  );
}

export default configFor(import.meta.dirname);
