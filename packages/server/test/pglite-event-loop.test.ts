import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/database.ts';
import { databaseKind } from './support/harness.ts';

describe.runIf(databaseKind === 'pglite')('PGlite shares the server thread [pglite]', () => {
  it('lets the event loop run between statements that follow one another, as a background pass sends them', async () => {
    const db = await openPglite(undefined);
    try {
      const started = performance.now();
      let answeredAfterMs: number | undefined;
      // Stands for a request arriving on a socket while the pass runs.
      setTimeout(() => (answeredAfterMs = performance.now() - started), 0);
      let statements = 0;
      while (answeredAfterMs === undefined && statements < 20_000) {
        await db.query('SELECT $1::int AS n', [statements]);
        statements++;
      }
      expect(answeredAfterMs, `still waiting after ${statements} statements`).toBeDefined();
      expect(answeredAfterMs).toBeLessThan(1000);
    } finally {
      await db.close();
    }
  });
});
