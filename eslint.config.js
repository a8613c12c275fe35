// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'stream',
  'zlib',
  'child_process',
  'buffer',
  'url',
];
const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'assets/', 'test/fixtures/', 'scratch/', '.cache/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Name every export.' }],
    },
  },
  {
    files: ['analysis/core/**/*.ts'],
    rules: layer(
      [...nodeBuiltins, '**/engine/**', '**/service/**', '**/renderer/**', '**/electron/**', '@duckdb/*'],
      'analysis/core is runtime-neutral: no Node, no DuckDB, nothing outside itself.',
    ),
  },
  {
    files: ['analysis/engine/**/*.ts'],
    rules: layer(
      ['**/service/**', '**/renderer/**', '**/electron/**', '**/core/src/*/**'],
      'analysis/engine may import analysis/core (through its index) only.',
    ),
  },
  {
    files: ['analysis/service/**/*.ts'],
    rules: layer(
      ['**/renderer/**', '**/electron/**', '**/core/src/*/**', '**/engine/src/*/**'],
      'analysis/service may import analysis/core and analysis/engine through their index files only.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    rules: layer(
      ['**/analysis/engine/**', '**/analysis/service/**', '**/analysis/core/src/*/**'],
      'renderer and electron may import analysis/core (through its index) only.',
    ),
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
