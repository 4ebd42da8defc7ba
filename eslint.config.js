// Lint rules: typescript-eslint's recommended set plus type-aware promise rules over the whole project, and the
// layer map as import rules (lower layers never import higher ones; no import cycles). Build outputs ignored.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** What each layer may not import (see CONTRIBUTING.md, "Layers"). */
const LAYERS = [
  { target: './lib', from: ['./components', './entrypoints'], message: 'lib/ holds logic: it never imports components/ or entrypoints/.' },
  { target: './components', from: ['./entrypoints'], message: 'components/ never import entrypoints/.' },
  { target: './lib/relay', from: ['./lib/rollout', './lib/relay-command'], message: 'The relay knows nothing of rollout: lib/relay-command wires them together.' },
  {
    target: ['./lib/protocol', './lib/coaching', './lib/url-patterns', './lib/mood', './lib/privacy'],
    from: ['./lib/relay', './lib/client', './lib/extension', './lib/adapters', './lib/rollout', './lib/relay-command'],
    message: 'Protocol, coaching logic, URL patterns, mood and redaction are the bottom layer.',
  },
  { target: './lib/adapters', from: ['./lib/extension', './lib/client', './lib/relay', './lib/rollout'], message: 'Adapters read pages; they know nothing of the extension or the relay.' },
  { target: './lib/client', from: ['./lib/extension', './lib/relay', './lib/rollout'], message: 'The relay client knows nothing of the extension or the relay server.' },
  { target: ['./lib/extension', './lib/client', './lib/adapters'], from: ['./lib/relay', './lib/rollout', './lib/relay-command'], message: 'Browser code never imports the relay server or rollout.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', 'dist/', '.data/', 'coverage/', 'demo/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
