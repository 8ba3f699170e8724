// The shop's calendar: China Standard Time (UTC+8, no daylight saving), whatever zone the server or the phone
// keeps. Bills are dated, reports cut and "today" read by it on both sides, so a phone abroad or a browser on
// another zone still agrees with the books.

const shopClock = (moment: Date) => new Date(moment.getTime() + 8 * 3600_000).toISOString();

/** The shop's calendar day (China Standard Time) for a moment, as YYYY-MM-DD. */
export function shopDay(moment: Date): string {
  return shopClock(moment).slice(0, 10);
}

/** The shop's day and time to the minute for a moment, as YYYY-MM-DD HH:MM. */
export function shopMinute(moment: Date): string {
  return shopClock(moment).slice(0, 16).replace('T', ' ');
}

/** The moment as RFC 3339 on the shop's clock: 2026-12-03T00:30:00+08:00. */
export function shopTimestamp(moment: Date): string {
  return `${shopClock(moment).slice(0, 19)}+08:00`;
}

const asUtc = (day: string) => new Date(`${day}T00:00:00Z`);

/** A calendar day `days` later (earlier when negative), as YYYY-MM-DD. */
export function shiftDay(day: string, days: number): string {
  return new Date(asUtc(day).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `months` after the day's month (before when negative), as YYYY-MM-DD. */
export function monthStart(day: string, months = 0): string {
  const date = asUtc(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

/** The day's place in its week, Monday 1 to Sunday 7. */
export function weekdayOf(day: string): number {
  return asUtc(day).getUTCDay() || 7;
}
