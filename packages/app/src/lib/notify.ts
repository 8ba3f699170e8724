/** Words and small conversions for the warning and notification screens: labels, rule fields, chart bars, links. */
import { WARNING_KIND_LABEL, WARNING_KINDS, type WarningKind } from '@xiaocang/domain/warning-kinds';
import type { NotificationChannel, WarningOverride, WarningOverrideInput, WarningReport, WarningRules, WarningRulesInput } from '../api/types';
import { ROUTES, TAB_ROUTES } from '../routes';
import { quantity } from './format';

export { WARNING_KIND_LABEL, WARNING_KINDS, type WarningKind };

export const WARNING_KIND_TONE: Record<WarningKind, 'danger' | 'warning' | 'muted'> = {
  lowStock: 'danger',
  lowCover: 'danger',
  spike: 'warning',
  stale: 'muted',
};

export const CHANNEL_LABEL: Record<NotificationChannel, string> = { inApp: '应用内', wechat: '微信', email: '邮件', sms: '短信' };
export const CHANNELS: NotificationChannel[] = ['inApp', 'wechat', 'email', 'sms'];

/** The rule fields as typed: text, whether a number or not; the server judges them. */
export type RuleKey = keyof WarningRules;
export type RuleValues = Record<RuleKey, string>;
export const RULE_KEYS: RuleKey[] = ['lowStockThreshold', 'coverDays', 'rateWindowDays', 'spikeFactor', 'staleDays'];

/**
 * Each rule as one sentence around its fields; `switch` is the field whose 0 turns the rule off
 * (the window of the outbound rate has no switch: it only measures).
 */
export const RULE_SENTENCES: Array<{ kind: WarningKind; switch: RuleKey; parts: Array<string | RuleKey> }> = [
  { kind: 'lowStock', switch: 'lowStockThreshold', parts: ['库存不高于', 'lowStockThreshold', '时提醒（商品自己设了预警库存的以商品为准）'] },
  { kind: 'lowCover', switch: 'coverDays', parts: ['按近', 'rateWindowDays', '天的出库速度，库存不够卖', 'coverDays', '天时提醒'] },
  { kind: 'spike', switch: 'spikeFactor', parts: ['近 7 天出库达到此前 4 周平均每周的', 'spikeFactor', '倍时提醒'] },
  { kind: 'stale', switch: 'staleDays', parts: ['有库存但', 'staleDays', '天没有出库时提醒'] },
];

/** What a rule starts at when its switch is turned on and it had no number of its own. */
export const RULE_ON_VALUE: Record<RuleKey, string> = { lowStockThreshold: '5', coverDays: '7', rateWindowDays: '28', spikeFactor: '2', staleDays: '90' };

const INTEGER_RULES = new Set<RuleKey>(['coverDays', 'rateWindowDays', 'staleDays']);

/** A stored figure as the field shows it: "5.000" → "5". */
export const ruleText = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : quantity(String(value)));

export const isOff = (text: string): boolean => text.trim() !== '' && Number(text) === 0;

export function rulesToValues(rules: WarningRules): RuleValues {
  return Object.fromEntries(RULE_KEYS.map((key) => [key, ruleText(rules[key])])) as RuleValues;
}

/** A day count typed as digits is sent as a number; anything else is sent as typed, for the server to refuse by field. */
function ruleValue(key: RuleKey, text: string): string | number {
  const trimmed = text.trim();
  return INTEGER_RULES.has(key) && /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function valuesToRulesInput(values: RuleValues): WarningRulesInput {
  return Object.fromEntries(RULE_KEYS.map((key) => [key, ruleValue(key, values[key])])) as unknown as WarningRulesInput;
}

/** An override's fields: blank follows the level above (sent as null). A product's threshold is its own warning stock. */
export function overrideToValues(override: WarningOverride | null): RuleValues {
  return Object.fromEntries(RULE_KEYS.map((key) => [key, ruleText(override?.[key])])) as RuleValues;
}

export function valuesToOverrideInput(values: RuleValues, scope: 'category' | 'product'): WarningOverrideInput {
  const keys = scope === 'product' ? RULE_KEYS.filter((key) => key !== 'lowStockThreshold') : RULE_KEYS;
  return Object.fromEntries(keys.map((key) => [key, values[key].trim() === '' ? null : ruleValue(key, values[key])])) as unknown as WarningOverrideInput;
}

/** An override in a few words: only the rules it sets. */
export function overrideSummary(override: WarningOverride): string {
  const parts: string[] = [];
  const off = (value: string | number) => Number(value) === 0;
  if (override.lowStockThreshold !== null) parts.push(off(override.lowStockThreshold) ? '不提醒库存不足' : `库存≤${ruleText(override.lowStockThreshold)}`);
  if (override.coverDays !== null) parts.push(off(override.coverDays) ? '不提醒即将售罄' : `不够卖 ${override.coverDays} 天`);
  if (override.rateWindowDays !== null) parts.push(`按近 ${override.rateWindowDays} 天出库`);
  if (override.spikeFactor !== null) parts.push(off(override.spikeFactor) ? '不提醒出库激增' : `出库 ${ruleText(override.spikeFactor)} 倍`);
  if (override.staleDays !== null) parts.push(off(override.staleDays) ? '不提醒滞销' : `${override.staleDays} 天未出库`);
  return parts.length ? parts.join(' · ') : '全部跟随全店';
}

/**
 * The report's periods as bars: warnings raised per period, the shortage kinds against the others. With
 * `slots` every period of the range gets its bar (the server lists only periods that had warnings).
 */
export function warningBars(report: WarningReport, slots?: PeriodSlot[]): Array<{ label: string; a: number; b: number }> {
  type Counts = Partial<Record<WarningKind, number>>;
  const shortage = (counts: Counts) => (counts.lowStock ?? 0) + (counts.lowCover ?? 0);
  const other = (counts: Counts) => (counts.spike ?? 0) + (counts.stale ?? 0);
  const byKey = new Map<string, Counts>(report.periods.map((p) => [p.period, p.counts]));
  const rows = (slots ?? report.periods.map((p) => ({ key: p.period, label: periodLabel(p.period) }))).map((slot) => ({ label: slot.label, counts: byKey.get(slot.key) ?? {} }));
  const max = Math.max(1, ...rows.flatMap((row) => [shortage(row.counts), other(row.counts)]));
  return rows.map((row) => ({ label: row.label, a: shortage(row.counts) / max, b: other(row.counts) / max }));
}

export interface PeriodSlot {
  /** As the server names the period: "2026-03-02", "2026-W10" (ISO week) or "2026-03". */
  key: string;
  label: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The periods from `from` to `to` (YYYY-MM-DD, both included), named as the server names them; a week is labelled by its Monday. */
export function periodSlots(from: string, to: string, grain: 'day' | 'week' | 'month'): PeriodSlot[] {
  const toDate = (text: string) => new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))));
  const end = toDate(to);
  const slots: PeriodSlot[] = [];
  for (let day = toDate(from); day <= end && slots.length < 400; day = new Date(day.getTime() + 86_400_000)) {
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    let slot: PeriodSlot;
    // Days are named by their number alone (the month on its first day), so a fortnight fits under its bars.
    if (grain === 'day') slot = { key: `${y}-${pad2(m)}-${pad2(d)}`, label: d === 1 ? `${m}/1` : String(d) };
    else if (grain === 'month') slot = { key: `${y}-${pad2(m)}`, label: `${m}月` };
    else {
      const weekday = day.getUTCDay() || 7;
      const monday = new Date(day.getTime() - (weekday - 1) * 86_400_000);
      const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
      const week = Math.ceil(((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
      slot = { key: `${thursday.getUTCFullYear()}-W${pad2(week)}`, label: `${monday.getUTCMonth() + 1}/${monday.getUTCDate()}` };
    }
    if (slots[slots.length - 1]?.key !== slot.key) slots.push(slot);
  }
  return slots;
}

/** "2026-03-02" → "3/2", "2026-03" → "3月"; a week is named by its first day. */
export function periodLabel(period: string): string {
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(period);
  if (day) return `${Number(day[1])}/${Number(day[2])}`;
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return `${Number(month[1])}月`;
  const week = /^\d{4}-W(\d{2})$/.exec(period);
  if (week) return `第${Number(week[1])}周`;
  return period;
}

/**
 * Where a notification leads: one of the app's own screens (path and query), never anything else.
 * A tab screen is switched to rather than stacked.
 */
export function notificationTarget(page: string | null): { url: string; tab: boolean } | null {
  if (!page) return null;
  const [path = '', query = ''] = page.split('?', 2);
  const known = Object.values(ROUTES) as string[];
  if (!known.includes(path) || path === ROUTES.login || path === ROUTES.register) return null;
  if (query && !/^[\w.%=&-]*$/.test(query)) return null;
  const tab = (TAB_ROUTES as readonly string[]).some((route) => ROUTES[route as keyof typeof ROUTES] === path);
  return { url: query ? `${path}?${query}` : path, tab };
}

/** Hours to a short phrase: "3.5 小时", "2.1 天". */
export function hoursText(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${Math.round(hours * 10) / 10} 小时` : `${Math.round((hours / 24) * 10) / 10} 天`;
}
