import { describe, expect, it } from 'vitest';
import { classifyAbc, classifyDemand, classifyDemandHistory } from './classify.ts';

describe('ABC', () => {
  it('keeps A while the products above hold less than 80 %, B below 95 %, C after (the product crossing a cut-off stays in the class it started in)', () => {
    const rows = classifyAbc([
      { productId: 'c', value: 10 },
      { productId: 'a', value: 70 },
      { productId: 'b', value: 15 },
      { productId: 'd', value: 4 },
      { productId: 'e', value: 1 },
    ]);
    expect(rows.map((r) => [r.productId, r.abc])).toEqual([
      ['a', 'A'], // above it: 0 %
      ['b', 'A'], // above it: 70 % < 80 %
      ['c', 'B'], // above it: exactly 85 % ≥ 80 %, < 95 %
      ['d', 'C'], // above it: exactly 95 %
      ['e', 'C'],
    ]);
    expect(rows[1]).toMatchObject({ rank: 2, share: 0.15, cumulativeShare: 0.85 });
  });

  it('takes configurable cut-offs, puts products without value in C and ranks ties by id', () => {
    const rows = classifyAbc(
      [
        { productId: 'y', value: 50 },
        { productId: 'x', value: 50 },
        { productId: 'z', value: 0 },
        { productId: 'w', value: Number.NaN },
      ],
      { a: 0.5, b: 0.9 },
    );
    expect(rows.map((r) => [r.productId, r.abc])).toEqual([
      ['x', 'A'],
      ['y', 'B'],
      ['w', 'C'],
      ['z', 'C'],
    ]);
    expect(classifyAbc([{ productId: 'a', value: 0 }])[0]).toMatchObject({ abc: 'C', share: 0, cumulativeShare: 0 });
  });
});

describe('SBC demand classes', () => {
  // ADI = observed days / demand days; CV² of the non-zero sizes (population variance / mean²).
  it('splits at ADI 1.32 and CV² 0.49, a value on the line belonging to the upper side', () => {
    expect(classifyDemand([5, 5, 5, 5]).demandClass).toBe('smooth'); // ADI 1, CV² 0
    expect(classifyDemand([1, 3]).demandClass).toBe('smooth'); // CV² = 1/4
    expect(classifyDemand([1, 9]).demandClass).toBe('erratic'); // mean 5, var 16, CV² 0.64
    expect(classifyDemand([2, 0, 2, 0]).demandClass).toBe('intermittent'); // ADI 2
    expect(classifyDemand([1, 0, 9, 0]).demandClass).toBe('lumpy');
    const onLine = Array.from({ length: 132 }, (_, i) => (i < 100 ? 4 : 0));
    expect(classifyDemand(onLine)).toMatchObject({ demandClass: 'intermittent', adi: 1.32, cv2: 0 });
    const justBelow = Array.from({ length: 131 }, (_, i) => (i < 100 ? 4 : 0));
    expect(classifyDemand(justBelow).demandClass).toBe('smooth');
  });

  it('skips censored days and says when there is no demand', () => {
    expect(classifyDemand([3, null, null, 3])).toMatchObject({ demandClass: 'smooth', adi: 1, observedDays: 2, demandDays: 2, meanDemand: 3 });
    expect(classifyDemand([])).toMatchObject({ demandClass: 'no-demand', adi: null, cv2: null, meanDemand: 0 });
    expect(classifyDemand([0, null, 0])).toMatchObject({ demandClass: 'no-demand', observedDays: 2 });
  });
});

describe('demand class with its history checked', () => {
  const days = (n: number, at: (i: number) => number) => Array.from({ length: n }, (_, i) => at(i));

  it('gives the class, ADI and CV² computed by hand', () => {
    // 40 days, 1 and 3 in turn: ADI 40/40 = 1, sizes mean 2, variance 1, CV² 1/4.
    expect(classifyDemandHistory(days(40, (i) => (i % 2 === 0 ? 1 : 3)))).toMatchObject({ verdict: 'smooth', adi: 1, cv2: 0.25, observedDays: 40, demandDays: 40 });
    // 1 and 9 in turn: mean 5, variance 16, CV² 0.64.
    expect(classifyDemandHistory(days(40, (i) => (i % 2 === 0 ? 1 : 9)))).toMatchObject({ verdict: 'erratic', adi: 1, cv2: 0.64 });
    // One a day every fourth day: ADI 40/10 = 4, CV² 0.
    expect(classifyDemandHistory(days(40, (i) => (i % 4 === 0 ? 1 : 0)))).toMatchObject({ verdict: 'intermittent', adi: 4, cv2: 0, demandDays: 10 });
    // 1, 1, 1, 1, 6 on five of 40 days: ADI 8, mean 2, mean of squares 8, variance 4, CV² 1.
    const lumpy = days(40, (i) => (i % 8 === 0 ? (i === 32 ? 6 : 1) : 0));
    expect(classifyDemandHistory(lumpy)).toMatchObject({ verdict: 'lumpy', adi: 8, cv2: 1, demandDays: 5 });
  });

  it('says short-history (no ADI, no CV²) below 28 observed days or 3 days with a sale, and no-demand with none', () => {
    expect(classifyDemandHistory(days(27, () => 2))).toMatchObject({ verdict: 'short-history', adi: null, cv2: null, observedDays: 27, demandDays: 27 });
    // 28 days but only two sales: the spread of two sizes tells nothing.
    expect(classifyDemandHistory(days(28, (i) => (i === 3 || i === 9 ? 2 : 0)))).toMatchObject({ verdict: 'short-history', adi: null, cv2: null, demandDays: 2 });
    expect(classifyDemandHistory(days(28, (i) => (i % 9 === 0 ? 2 : 0)))).toMatchObject({ verdict: 'intermittent', demandDays: 4, adi: 7 });
    expect(classifyDemandHistory(days(30, () => 0))).toMatchObject({ verdict: 'no-demand', adi: null, cv2: null });
    expect(classifyDemandHistory([])).toMatchObject({ verdict: 'short-history', observedDays: 0 });
    // Censored days are not observed days.
    expect(classifyDemandHistory([...days(27, () => 1), null, null])).toMatchObject({ verdict: 'short-history', observedDays: 27 });
  });
});
