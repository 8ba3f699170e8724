import { describe, expect, it } from 'vitest';
import { periodRange } from '../../src/lib/period';

describe('bill date quick filters', () => {
  const now = new Date(2026, 2, 3, 9, 30); // 3 March 2026

  it('covers today, the last seven days across a month end, and the month so far', () => {
    expect(periodRange('', now)).toEqual({});
    expect(periodRange('today', now)).toEqual({ dateFrom: '2026-03-03', dateTo: '2026-03-03' });
    expect(periodRange('week', now)).toEqual({ dateFrom: '2026-02-25', dateTo: '2026-03-03' });
    expect(periodRange('month', now)).toEqual({ dateFrom: '2026-03-01', dateTo: '2026-03-03' });
  });
});
