/** Display helpers: they only reformat strings the server sent, they never compute. */
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

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today in the phone's time zone as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** ISO timestamp → "11-22 09:05". */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
