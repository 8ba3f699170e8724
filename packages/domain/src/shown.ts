/** How figures read to people, in the app, on printed bills and in notifications. Only reformats strings. */

/** "12345.5" → "¥12,345.50". */
export function moneyShown(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** Enough of a phone number to recognise it, not to harvest it: 138****5678. */
export function maskedPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** "12.500" → "12.5", and the unit after it when there is one: "50.000" with 盒 → "50 盒". */
export function quantityShown(value: string, unit = ''): string {
  const trimmed = value.includes('.') ? value.replace(/\.?0+$/, '') : value;
  return unit ? `${trimmed} ${unit}` : trimmed;
}
