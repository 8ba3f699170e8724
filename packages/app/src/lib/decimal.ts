/**
 * Exact decimal arithmetic for the live totals of the bill form only: the server computes every
 * number that is stored. Values are scaled integers so that 0.1 × 3 is 0.3, not 0.30000000000000004.
 */
const SCALE = 8;

function parse(text: string): bigint | null {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace('-', '').split('.');
  if (fraction.length > SCALE) return null;
  const scaled = BigInt(whole + fraction.padEnd(SCALE, '0'));
  return negative ? -scaled : scaled;
}

/** Rounds a value with 2·SCALE decimals half away from zero to two decimals. */
function toMoney(value: bigint, decimals: number): string {
  // Not `**`: the build turns it into Math.pow, which refuses BigInt.
  const divisor = BigInt(`1${'0'.repeat(decimals - 2)}`);
  const negative = value < BigInt(0);
  const abs = negative ? -value : value;
  const cents = (abs + divisor / BigInt(2)) / divisor;
  const text = cents.toString().padStart(3, '0');
  const result = `${text.slice(0, -2)}.${text.slice(-2)}`;
  return negative && cents !== BigInt(0) ? `-${result}` : result;
}

/** quantity × unit price, rounded to cents; null while either input is not a number yet. */
export function lineAmount(quantity: string, unitPrice: string): string | null {
  const q = parse(quantity);
  const p = parse(unitPrice);
  if (q === null || p === null) return null;
  return toMoney(q * p, SCALE * 2);
}

/** Sum of amounts already rounded to cents; lines that are not numbers yet count as zero. */
export function sumAmounts(amounts: ReadonlyArray<string | null>): string {
  let total = BigInt(0);
  for (const amount of amounts) {
    const value = amount === null ? null : parse(amount);
    if (value !== null) total += value;
  }
  return toMoney(total, SCALE);
}

/** Sum of quantities, shown with as many decimals as needed. */
export function sumQuantities(quantities: ReadonlyArray<string>): string {
  let total = BigInt(0);
  for (const quantity of quantities) total += parse(quantity) ?? BigInt(0);
  const negative = total < BigInt(0);
  const digits = (negative ? -total : total).toString().padStart(SCALE + 1, '0');
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  const whole = digits.slice(0, -SCALE);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** True when text is a decimal with at most `places` decimals (what the server accepts). */
export function isDecimal(text: string, places: number): boolean {
  const fraction = places > 0 ? `(\\.\\d{1,${places}})?` : '';
  return new RegExp(`^\\d{1,15}${fraction}$`).test(text.trim());
}

/** a − b for amounts already rounded to cents (a margin: sales less their cost). */
export function amountDifference(a: string, b: string): string {
  return toMoney((parse(a) ?? BigInt(0)) - (parse(b) ?? BigInt(0)), SCALE);
}
