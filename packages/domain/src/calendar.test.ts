import { describe, expect, it } from 'vitest';
import { monthStart, shiftDay, weekdayOf } from './calendar.ts';

describe('calendar arithmetic on shop days', () => {
  it('moves by days across months, years and a leap day', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(shiftDay('2026-12-02', -13)).toBe('2026-11-19');
  });

  it('finds the first of a month before or after', () => {
    expect(monthStart('2026-12-02')).toBe('2026-12-01');
    expect(monthStart('2026-12-02', -11)).toBe('2026-01-01');
    expect(monthStart('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('numbers the week from Monday', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-12-06')).toBe(7);
  });
});
