import { describe, expect, it } from 'vitest';
import { periodRange } from '../../src/lib/period';

describe('bill date quick filters', () => {
  const now = new Date('2026-03-03T01:30:00Z'); // 3 March 2026, 09:30 in the shop

  it('covers today, the last seven days across a month end, and the month so far', () => {
    expect(periodRange('', now)).toEqual({});
    expect(periodRange('today', now)).toEqual({ dateFrom: '2026-03-03', dateTo: '2026-03-03' });
    expect(periodRange('week', now)).toEqual({ dateFrom: '2026-02-25', dateTo: '2026-03-03' });
    expect(periodRange('month', now)).toEqual({ dateFrom: '2026-03-01', dateTo: '2026-03-03' });
  });
});
