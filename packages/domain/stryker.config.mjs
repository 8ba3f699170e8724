// Mutation testing of the domain rules (`npm run mutate`, from the repository's root): Stryker changes the code
// one small edit at a time (a flipped comparison, a removed condition, an emptied string) and runs the tests
// that cover it; a mutant the tests do not notice marks a rule no test pins down.
//
// The contracts' tests run too: their walk of every response shape is what pins the redaction lists of
// permissions.ts. So the sandbox is a copy of the root with the domain and the contracts only.
//
// Equivalent mutants (no test could tell them from the code, so they survive for good):
// - (none yet)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'packages/domain/stryker.vitest.config.ts' },
  mutate: ['packages/domain/src/**/*.ts', '!packages/domain/src/**/*.test.ts'],
  ignorePatterns: ['/*', '!/package.json', '!/packages', '/packages/*', '!/packages/domain', '!/packages/contracts'],
  // Every run starts from nothing, so the score printed is today's, not one patched from a previous run.
  incremental: false,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'packages/domain/mutation-report/index.html' },
  jsonReporter: { fileName: 'packages/domain/mutation-report/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
