import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server on PostgreSQL',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    env: { TEST_DATABASE: 'postgres' },
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
