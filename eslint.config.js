// Lints every package: JavaScript's and typescript-eslint's recommended rules (no type information, so it
// stays fast; tsc checks the types), and React's rules of hooks in the app. No formatting rules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build outputs, installed packages and generated files: none of them is source.
    ignores: ['**/node_modules/', '**/dist/', '**/dist-*/', '**/build/', '**/coverage/', '**/screenshots/', 'bench-results/', 'data/', '**/.swc/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `{ unit: _unit, ...figures }` drops a field on purpose.
      // Several actions sharing one answer are listed as empty cases, with a comment where one needs a reason.
      'no-fallthrough': ['error', { allowEmptyCase: true }],
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useRemote and usePagedList take a loader and its dependencies as useEffect does: check their callers too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^(useRemote|usePagedList)$' }],
    },
  },
);
