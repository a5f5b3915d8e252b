// Lint: TypeScript-aware rules plus the import boundaries of the architecture. The folder
// table in README.md ("Architecture") is enforced here and by the per-layer tsconfigs.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const SQLITE = { group: ['better-sqlite3-multiple-ciphers'], message: 'Only main/vault/ may use the SQLite library.' };
const ELECTRON = { group: ['electron', 'electron/*', 'electron-updater'], message: 'Only main/app/ and preload/index.ts may import Electron.' };
const VAULT = { group: ['**/vault/*', '**/vault/**'], message: 'This layer must not reach into the vault.' };
const API = { group: ['**/api/*', '**/api/**'], message: 'Services must not depend on the API layer.' };

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'test/e2e/screenshots/**', 'bench-data/**', '**/*.cjs'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [SQLITE, ELECTRON] }],
    },
  },
  { files: ['main/vault/**'], rules: restrict([ELECTRON, API]) },
  { files: ['main/app/**'], rules: restrict([SQLITE]) },
  { files: ['preload/index.ts'], rules: restrict([SQLITE]) },
  { files: ['main/importers/**', 'main/records/**', 'main/summary/**', 'main/card/**', 'main/medlineplus/**', 'main/issuer-keys/**'], rules: restrict([SQLITE, ELECTRON, VAULT, API]) },
  // How entries read (readable/) and what is current (current.ts) are bundled by the renderer:
  // no Node APIs, no UCUM library, nothing else from main.
  ...[
    ['main/records/readable/**', '^\\.\\./(?!model\\.ts$)'],
    ['main/records/current.ts', '^\\./(?!model\\.ts$|readable/)'],
  ].map(([files, outside]) => ({
    files: [files],
    rules: restrict([
      SQLITE,
      ELECTRON,
      VAULT,
      API,
      { group: ['node:*', '@lhncbc/*'], message: 'The renderer bundles this file: no Node APIs or UCUM library.' },
      { regex: outside, message: 'Shared with the renderer: may import only model.ts and main/records/readable/.' },
    ]),
  })),
  // The kinds and limits of kept documents are bundled by the renderer too: nothing imported.
  { files: ['main/documents/kinds.ts'], rules: restrict([{ regex: '.', message: 'Shared with the renderer: kinds.ts imports nothing.' }]) },
  // Export reads vault row types (never the database itself).
  { files: ['main/export/**'], rules: restrict([SQLITE, ELECTRON, API]) },
  { files: ['preload/contract.ts'], rules: restrict([SQLITE, ELECTRON, VAULT, API, { group: ['node:*'], message: 'The contract is shared with the renderer: no Node APIs.' }]) },
  {
    files: ['renderer/**'],
    rules: restrict([
      SQLITE,
      ELECTRON,
      { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The renderer has no Node APIs.' },
      {
        regex: '(^|/)main/(?!records/model\\.ts$|records/readable/|records/current\\.ts$|documents/kinds\\.ts$)',
        message: 'The renderer talks to main only through window.chartkeeper; only main/records/model.ts types, main/records/readable/, main/records/current.ts and main/documents/kinds.ts are shared.',
      },
    ]),
  },
  {
    // Tests may use anything, including the SQLite library for checks on the files.
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
