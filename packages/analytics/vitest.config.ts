import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'analytics',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    // The small seeded backtest fits every method at every origin; a busy 2-core machine needs more than 5 s.
    testTimeout: 60_000,
  },
});
