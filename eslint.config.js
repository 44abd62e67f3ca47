// @ts-check
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const reactHooks = require('eslint-plugin-react-hooks')
const globals = require('globals')

/** Layering of docs/ARCHITECTURE.md §3, enforced as errors. */
const noElectron = {
  name: 'electron',
  message: 'Only src-main/electron and src-preload may import electron.',
}
const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'http', 'net']

const layer = (files, paths, patterns) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
  },
})

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      'resources/python/**',
      'skills/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Plain CommonJS launchers and config run by Node directly.
    files: ['**/*.cjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['src-main/contract/**/*.ts'],
    [noElectron],
    [
      {
        regex: '^(?!zod$|\\./)',
        message: 'contract/ imports only zod and its own files.',
      },
    ],
  ),
  layer(
    ['src-main/core/**/*.ts'],
    [noElectron, { name: 'react', message: 'core/ is plain Node.' }],
    [
      { group: ['**/electron/**', '**/electron'], message: 'core/ never imports src-main/electron.' },
      {
        group: ['**/http/**', '**/http', '**/cli/**', '**/cli'],
        message: 'core/ never imports http/ or cli/.',
      },
    ],
  ),
  layer(
    ['src-main/cli/**/*.ts', 'src-main/http/**/*.ts'],
    [noElectron],
    [
      {
        group: ['**/core/**', '!**/core/app'],
        message: 'cli/ and http/ reach the core only through core/app.',
      },
      { group: ['**/electron/**', '**/electron'], message: 'cli/ and http/ never import src-main/electron.' },
    ],
  ),
  layer(
    ['src-main/electron/**/*.ts'],
    [],
    [
      { group: ['**/core/**', '!**/core/app'], message: 'electron/ reaches the core only through core/app.' },
      { group: ['**/http/**', '**/cli/**'], message: 'electron/ never imports http/ or cli/.' },
    ],
  ),
  // The Electron entry is wiring: it may hand the HTTP server (the MCP endpoint) to the shell, and
  // run the CLI's `skilldock mcp` when an MCP client starts the app with --mcp-stdio.
  layer(
    ['src-main/index.ts'],
    [],
    [
      { group: ['**/core/**', '!**/core/app'], message: 'The entry reaches the core only through core/app.' },
      {
        group: ['**/cli/**', '**/http/**', '!**/http/server', '!**/cli/main'],
        message: 'The entry may only wire in http/server and cli/main.',
      },
    ],
  ),
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/src-main/**', '!**/src-main/contract', '!**/src-main/contract/**'],
              message: 'The renderer imports only its own files and types from src-main/contract.',
            },
            {
              // sourceKindFacts is plain data (no zod): the facts of each source kind the UI shows.
              regex: 'src-main/contract(/(?!sourceKindFacts$).*)?$',
              allowTypeImports: true,
              message:
                'The renderer imports only types from src-main/contract (values: only sourceKindFacts).',
            },
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$)',
              allowTypeImports: true,
              message: 'The preload imports electron and contract types only.',
            },
          ],
        },
      ],
    },
  },
)
