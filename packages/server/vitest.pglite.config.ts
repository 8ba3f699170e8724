import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server on PGlite',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    env: { TEST_DATABASE: 'pglite' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
