import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The tests Stryker runs against each mutant, inside its sandbox (a copy of the root holding the domain and the
// contracts). Not matched by the root's `packages/*/vitest*.config.ts`, so `npm test` never picks it up.
export default defineConfig({
  resolve: {
    // node_modules/@xiaocang/domain links to the checkout's domain, not the sandbox's mutated copy.
    alias: [{ find: /^@xiaocang\/domain$/, replacement: here('./src/index.ts') }],
  },
  test: {
    name: 'domain under mutation',
    root: here('../..'),
    include: ['packages/domain/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts'],
    // As in vitest.config.ts: the property tests run hundreds of generated histories.
    testTimeout: 60_000,
  },
});
