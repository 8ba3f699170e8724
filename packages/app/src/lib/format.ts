/** Display helpers: they only reformat strings the server sent, they never compute. */

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "12345.5" → "¥12,345.50". */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}¥${groupThousands(whole)}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/**
 * The one way a quantity is shown: trailing zeros after the point dropped, and the unit after it when
 * there is one. "12.500" → "12.5", "50.000" with 盒 → "50 盒".
 */
export function quantity(value: string | null | undefined, unit?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const trimmed = value.includes('.') ? value.replace(/\.?0+$/, '') : value;
  return unit ? `${trimmed} ${unit}` : trimmed;
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
