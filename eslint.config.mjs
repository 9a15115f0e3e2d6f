import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The rooms of src/, lowest first, and which rooms each may import (see docs/architecture.md).
 * A room imports only rooms listed for it; `vscode` only where `vscode: true`.
 */
const rooms = {
  shared: { may: [], vscode: false },
  pprof: { may: ['shared'], vscode: false },
  trace: { may: ['shared'], vscode: false },
  golang: { may: ['shared'], vscode: false },
  benchstat: { may: ['shared'], vscode: false },
  analysis: { may: ['shared', 'pprof', 'golang'], vscode: false },
  worker: { may: ['shared', 'pprof', 'trace', 'golang', 'analysis'], vscode: false },
  store: { may: ['shared', 'pprof', 'trace', 'golang', 'analysis', 'worker'], vscode: false },
  capture: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store'], vscode: false },
  servers: { may: ['shared', 'pprof', 'golang', 'analysis', 'worker', 'store'], vscode: false },
  cli: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers'], vscode: false },
  hints: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers'], vscode: true },
  'profile-editor': { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints'], vscode: true },
  'trace-editor': { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor'], vscode: true },
  session: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor', 'trace-editor'], vscode: true },
  'servers-view': { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor', 'trace-editor', 'session'], vscode: true },
  sidebar: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor', 'trace-editor', 'session'], vscode: true },
  bench: { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor', 'trace-editor', 'session'], vscode: true },
  'saved-views': { may: ['shared', 'pprof', 'trace', 'golang', 'benchstat', 'analysis', 'worker', 'store', 'capture', 'servers', 'hints', 'profile-editor'], vscode: true },
};
const roomNames = Object.keys(rooms);

function roomRules(room, { may, vscode }) {
  const banned = roomNames.filter((r) => r !== room && !may.includes(r));
  const patterns = [];
  if (banned.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(src/)?(${banned.join('|')})(/|$)`,
      message: `src/${room} may import only ${may.length ? may.map((r) => `src/${r}`).join(', ') : 'no other room'} (one-way rooms: see docs/architecture.md).`,
    });
  }
  // The entry files at src/ (extension.ts, cli.ts) are the top: nothing imports them.
  patterns.push({ regex: '^\\.\\./(extension|cli)$', message: 'Only the bundler imports src/extension.ts and src/cli.ts.' });
  const paths = vscode ? [] : [{ name: 'vscode', message: `src/${room} is below the VS Code rooms: no vscode import.` }];
  return { files: [`src/${room}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default tseslint.config(
  // src/**/gen/ is code generated from the servers' .proto files (see its regeneration script).
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', 'test-results/', '**/*.js', '**/*.mjs', 'src/**/gen/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(rooms).map(([room, spec]) => roomRules(room, spec)),
  {
    // Webview code runs in the browser and talks to the host only through src/shared.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview has no vscode module.' }],
          patterns: [
            { regex: '^(\\.\\./)+src/(?!shared/)', message: 'The webview imports only src/shared.' },
            { regex: '^node:', message: 'The webview runs in a browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // src/shared is imported by the webview: no Node modules there either.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/shared is pure: no vscode import.' }],
          patterns: [
            { regex: '^(\\.\\./)+(src/)?(?!shared/)[a-z-]+/', message: 'src/shared imports no other room.' },
            { regex: '^node:', message: 'src/shared is used by the webview: no Node modules.' },
          ],
        },
      ],
    },
  },
);
