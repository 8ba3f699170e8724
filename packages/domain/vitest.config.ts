import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'domain',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    // The property tests run hundreds of generated histories; on a busy 2-core machine that exceeds vitest's 5 s default.
    testTimeout: 60_000,
  },
});
