/** Display helpers: they only reformat strings the server sent, they never compute. */
import { shopDay, shopMinute } from '@xiaocang/domain/calendar';
import { moneyShown, quantityShown } from '@xiaocang/domain/shown';

/** "12345.5" → "¥12,345.50". */
export function money(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : moneyShown(value);
}

/**
 * The one way a quantity is shown: trailing zeros after the point dropped, and the unit after it when
 * there is one. "12.500" → "12.5", "50.000" with 盒 → "50 盒".
 */
export function quantity(value: string | null | undefined, unit?: string): string {
  return value === null || value === undefined || value === '' ? '—' : quantityShown(value, unit);
}

/** Today on the shop's calendar (China time) as YYYY-MM-DD, as the server dates bills, wherever the phone is. */
export function today(now: Date = new Date()): string {
  return shopDay(now);
}

/** ISO timestamp → "11-22 09:05" on the shop's clock. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return shopMinute(d).slice(5);
}
