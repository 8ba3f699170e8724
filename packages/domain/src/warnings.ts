import { divideRounded, quantityUnits, toUnits, unitsText } from './units.ts';
import { quantityShown } from './shown.ts';
import { WARNING_KIND_LABEL, type WarningKind } from './warning-kinds.ts';

export { WARNING_KINDS, WARNING_KIND_LABEL, type WarningKind } from './warning-kinds.ts';

/**
 * A shop's warning rules. A product is warned about against its own warning stock when it has one (> 0),
 * else against `lowStockThreshold` of its category or the shop; each other rule is the product's own, else
 * its category's, else the shop's. Zero turns a rule off.
 */
export interface WarningRules {
  /** Stock across all stock points at or below which a product without a warning stock of its own is low. */
  lowStockThreshold: string;
  /** Warn when the stock lasts fewer days than this at the recent outbound rate. */
  coverDays: number;
  /** The days the recent outbound rate is measured over. */
  rateWindowDays: number;
  /** Warn when the last 7 days' outbound is at least this many times the weekly average of the 4 weeks before. */
  spikeFactor: string;
  /** Warn when there is stock and nothing has gone out for this many days. */
  staleDays: number;
}
export type WarningRuleKey = keyof WarningRules;
export const WARNING_RULE_KEYS: readonly WarningRuleKey[] = ['lowStockThreshold', 'coverDays', 'rateWindowDays', 'spikeFactor', 'staleDays'];

/** A new shop's rules: no shop-wide threshold (products' own warning stock counts), a week of cover, double pace, 90 idle days. */
export const DEFAULT_WARNING_RULES: WarningRules = { lowStockThreshold: '0', coverDays: 7, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 };

/** A category's or product's own settings: a missing or null rule follows the level above. */
export type WarningRuleOverride = { [Key in WarningRuleKey]?: WarningRules[Key] | null };

/** The rules that bind a product: its own over its category's over the shop's (over the defaults). */
export function effectiveWarningRules(...levels: Array<WarningRuleOverride | undefined>): WarningRules {
  const rules = { ...DEFAULT_WARNING_RULES } as Record<WarningRuleKey, unknown>;
  for (const level of levels) {
    for (const key of WARNING_RULE_KEYS) {
      const value = level?.[key];
      if (value !== undefined && value !== null) rules[key] = value;
    }
  }
  return rules as unknown as WarningRules;
}

/** What the daily check knows of a product's movement, quantities as decimal strings. */
export interface ProductMovement {
  /** Stock across all stock points now. */
  quantity: string;
  /** Outbound (transfers aside, reversals netted) over the rules' rate window, ending today. */
  windowOutbound: string;
  /** Outbound over the last 7 days. */
  weekOutbound: string;
  /** Outbound over the 28 days before those 7. */
  priorOutbound: string;
  /** Days since the last outbound; null when nothing ever went out. */
  daysSinceOutbound: number | null;
  /** Days since the product's first movement: stock cannot be idle for longer than it has been here. */
  daysSinceFirstMovement: number;
}

/** The figures a warning is raised or resolved with, all for the shop's eyes (the field names are redaction's). */
export interface WarningValues {
  stockQuantity: string;
  threshold?: string;
  dailyOutbound?: string;
  daysOfCover?: string;
  weekOutbound?: string;
  weeklyAverage?: string;
  daysIdle?: number;
}

const QUANTITY_PLACES = 3;
const tenths = (text: string) => toUnits(text, 1);

/**
 * The rate and age warnings that hold for a product now, with their figures. Exact: quantities compare as
 * integers of thousandths, so a product exactly at a limit is decided the same way every day.
 */
export function heldRateAndAgeWarnings(movement: ProductMovement, rules: WarningRules): Map<WarningKind, WarningValues> {
  const held = new Map<WarningKind, WarningValues>();
  const quantity = quantityUnits(movement.quantity);
  const stockQuantity = movement.quantity;
  const windowOutbound = quantityUnits(movement.windowOutbound);
  if (rules.coverDays > 0 && windowOutbound > 0n) {
    const window = BigInt(rules.rateWindowDays);
    // quantity / (windowOutbound / window) < coverDays, without dividing.
    if (quantity * window < BigInt(rules.coverDays) * windowOutbound) {
      const clamped = quantity > 0n ? quantity : 0n;
      held.set('lowCover', {
        stockQuantity,
        dailyOutbound: unitsText(divideRounded(windowOutbound, window), QUANTITY_PLACES),
        daysOfCover: unitsText(divideRounded(clamped * window * 10n, windowOutbound), 1),
      });
    }
  }
  const week = quantityUnits(movement.weekOutbound);
  const prior = quantityUnits(movement.priorOutbound);
  const factor = tenths(rules.spikeFactor);
  // week ≥ factor × prior / 4, in tenths of the factor; a product with no usual pace has nothing to exceed.
  if (factor > 0n && prior > 0n && week * 40n >= factor * prior) {
    held.set('spike', {
      stockQuantity,
      weekOutbound: movement.weekOutbound,
      weeklyAverage: unitsText(divideRounded(prior, 4n), QUANTITY_PLACES),
    });
  }
  const idle = movement.daysSinceOutbound ?? movement.daysSinceFirstMovement;
  if (rules.staleDays > 0 && quantity > 0n && idle >= rules.staleDays) held.set('stale', { stockQuantity, daysIdle: idle });
  return held;
}

/** A warning in words, for a notification and for the warning list: a title and one line with the figures. */
export function warningMessage(kind: WarningKind, product: { name: string; unit: string }, values: WarningValues): { title: string; detail: string } {
  const q = (text: string | undefined) => quantityShown(text ?? '0', product.unit);
  const title = `${WARNING_KIND_LABEL[kind]}：${product.name}`;
  switch (kind) {
    case 'lowStock':
      return { title, detail: `库存 ${q(values.stockQuantity)}，不高于预警库存 ${q(values.threshold)}` };
    case 'lowCover':
      return { title, detail: `库存 ${q(values.stockQuantity)}，日均出库 ${q(values.dailyOutbound)}，约可售 ${values.daysOfCover ?? '0'} 天` };
    case 'spike':
      return { title, detail: `近 7 天出库 ${q(values.weekOutbound)}，此前 4 周平均每周 ${q(values.weeklyAverage)}` };
    case 'stale':
      return { title, detail: `库存 ${q(values.stockQuantity)}，已 ${values.daysIdle ?? 0} 天没有出库` };
  }
}
