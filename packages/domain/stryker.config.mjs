// Mutation testing of the domain rules (`npm run mutate`, from the repository's root): Stryker changes the code
// one small edit at a time (a flipped comparison, a removed condition, an emptied string) and runs the tests
// that cover it; a mutant the tests do not notice marks a rule no test pins down.
//
// The contracts' tests run too: their walk of every response shape is what pins the redaction lists of
// permissions.ts. So the sandbox is a copy of the root with the domain and the contracts only.
//
// Equivalent mutants: no test can tell them from the code, so they survive for good (21 of 1,145).
// - bill-status.ts: `by: 'author'` emptied (4×): 'author' is the branch taken when `by` is neither 'owner'
//   nor 'creator', so an empty one takes it too; `needsDirection: true` on approve, reject and reverse (3×):
//   only the owner takes them, and the owner is never barred from a direction; `from.join(' or ')` with ''
//   (1×): every transition leaves from a single status.
// - costing.ts: `before.quantity > 0n` in emptiesStock, as `true` or `>=` (2×): issued quantities are
//   positive, so the stock after an issue is 0 only when it was positive before.
// - figures.ts: the look-up of the default bill types (3×): their words give every default type the same
//   role (a test checks each), so skipping the look-up changes nothing until a default type is renamed.
// - money.ts: `outstanding(due) < left` as `<=` (1×): both sides are equal then, either is taken.
// - units.ts and limits.ts: `n < 0n` as `n <= 0n` in abs, and in divideRounded's sign (4×): they differ only
//   at zero, where −0n is 0n; abs as `n >= 0n` (1×) negates both operands of a division whose quotient it
//   does not change; the default `whole = ''` (1×): the regular expression always captures the whole part;
//   `if (!match)` as `true` (1×): decimal.js reads any text to the same units, only more slowly.
// The two fast paths of units.ts (digits with exactly the places kept, then plain digits) are disabled in
// place with their reason: a text either lets through or misses gets the same units from the next path, so
// only speed differs.
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
  // `npm run mutate` fails below `break`, a couple of points under today's score (README, Tests).
  thresholds: { high: 95, low: 90, break: 96 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
