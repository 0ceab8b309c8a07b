// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The shipped code (src/) and the scripts that build and measure it get the type-checked rule set:
// it finds what syntax alone cannot (an object stringified as "[object Object]", a promise never
// awaited, an `any` flowing into a typed value). Tests keep the syntactic set: node:test's `it()`
// returns a promise by design, and tests poke at JSON on purpose.
const TYPED = ['src/**/*.ts', 'scripts/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'render-check/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TYPED })),
  { files: TYPED, languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // drawMermaid() runs inside Chromium, where `document` and `mermaid` exist; the project's types have no DOM.
    files: ['scripts/render-check/browser.ts'],
    rules: Object.fromEntries(
      ['assignment', 'call', 'member-access', 'return', 'argument'].map((r) => [
        `@typescript-eslint/no-unsafe-${r}`,
        'off',
      ]),
    ),
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'src/cli/**', '.github/self-test/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
