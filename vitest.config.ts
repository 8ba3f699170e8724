import { defineConfig } from 'vitest/config';

// Each package (and each database the server is tested on) is one vitest project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest*.config.ts'],
  },
});
