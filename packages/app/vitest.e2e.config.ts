import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: the built H5 app, served by the real server, driven in headless Chromium.
export default defineConfig({
  test: {
    name: 'app-e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    // The first run may build the H5 app.
    hookTimeout: 420_000,
  },
});
