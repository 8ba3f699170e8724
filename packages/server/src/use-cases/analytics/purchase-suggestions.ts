import { demandSizesFor, errorSdOver, mayOrder, replenish, type ReplenishmentInput } from '@xiaocang/analytics';
import type { PurchaseSuggestions, SuggestionQuery } from '@xiaocang/contracts';
import { can, shopDay, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import { demandHistories, historyWindow, saleTypesOf, shopPooling } from './demand-history.ts';
import { forecastFrom, keptForecasts } from './kept-forecasts.ts';
import { measuredLeadTimes, type MeasuredLeadTime } from './measured-lead-times.ts';

/** Products sold within this many days are looked at; one not sold for longer is no reorder candidate. */
const RECENT_SALES_DAYS = 90;
/** Products without a kept forecast are learnt in the request: this many at most per request. */
const MAX_PRODUCTS = 500;

const decimal = (x: number, places = 3) => Math.max(0, x).toFixed(places);

/**
 * What to reorder, from whom and how many: for each product sold lately, its forecast over the lead time, the
 * safety stock from the forecast's own error at that horizon, the reorder point and the order-up-to level; a
 * product whose stock plus what is already on unposted purchase bills is at or below its reorder point gets a
 * line, in whole units and at least its minimum order in whole packs, grouped by its supplier (whose own lead
 * time, kept or measured on its orders, replaces the one asked for).
 */
export async function purchaseSuggestions(db: Queryable, actor: Actor, query: SuggestionQuery): Promise<PurchaseSuggestions> {
  if (!can(actor, 'viewSalesReports')) throw forbidden('Purchase suggestions are for the owner');
  const today = shopDay(new Date());
  const candidates = await db.query<{
    id: string;
    name: string;
    unit: string;
    inbound_price: string;
    moq: string;
    pack_size: string;
    supplier_id: string | null;
    supplier_name: string | null;
    lead_time_days: number | null;
    on_hand: string;
    on_order: string;
  }>(
    // What is on order is summed once over the shop's open purchase bills (few), not looked for per candidate.
    `WITH candidates AS (
       SELECT p.shop_id, p.id, p.name, p.unit, p.inbound_price, p.moq, p.pack_size, p.supplier_id FROM products p
        WHERE p.shop_id = $1 AND p.is_enabled
          AND EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = p.shop_id AND l.product_id = p.id AND l.direction = 'out' AND l.bill_kind = 'normal' AND l.bill_date > $2::date)
        ORDER BY p.id
        LIMIT ${MAX_PRODUCTS})
     SELECT p.id::text, p.name, p.unit, p.inbound_price::text, p.moq::text, p.pack_size::text, p.supplier_id::text, s.name AS supplier_name, s.lead_time_days,
            (SELECT COALESCE(sum(b.quantity), 0) FROM inventory_balances b WHERE b.shop_id = p.shop_id AND b.product_id = p.id)::text AS on_hand,
            COALESCE(o.quantity, 0)::text AS on_order
       FROM candidates p
       LEFT JOIN suppliers s ON s.shop_id = p.shop_id AND s.id = p.supplier_id
       LEFT JOIN (SELECT l.product_id, sum(l.quantity) AS quantity FROM stock_bills sb JOIN stock_bill_lines l ON l.shop_id = sb.shop_id AND l.bill_id = sb.id
                   WHERE sb.shop_id = $1 AND sb.direction = 'in' AND sb.kind = 'normal' AND sb.status IN ('draft', 'pending')
                   GROUP BY l.product_id) o ON o.product_id = p.id
     ORDER BY p.id`,
    [actor.shopId, shopDay(new Date(Date.now() - RECENT_SALES_DAYS * 86_400_000))],
  );
  // Lead times are measured on suppliers' orders: none to measure when no candidate has a supplier.
  const measured = candidates.some((product) => product.supplier_id !== null) ? await measuredLeadTimes(db, actor.shopId) : new Map<string, MeasuredLeadTime>();
  const kept = await keptForecasts(db, actor.shopId, candidates.map((product) => product.id), today);
  // Those the nightly pass has not kept (or a late bill has made stale) are learnt now, their histories read in one query.
  const unkept = candidates.filter((product) => !kept.has(product.id)).map((product) => product.id);
  const saleTypes = unkept.length ? await saleTypesOf(db, actor.shopId) : [];
  const histories = unkept.length ? await demandHistories(db, actor.shopId, { productIds: unkept, saleTypes, ...historyWindow(today) }) : new Map();
  const pooling = unkept.length ? await shopPooling(db, actor.shopId, saleTypes, today) : { weekdayProfile: null, pooledParams: null };
  const groups = new Map<string, PurchaseSuggestions['groups'][number]>();
  for (const product of candidates) {
    const history = histories.get(product.id)?.series;
    const forecast = kept.get(product.id) ?? (history ? forecastFrom(history, pooling) : null);
    if (!forecast) continue;
    // The owner's word on the supplier first, then what its orders took, then the lead time asked for; the
    // measured spread widens the safety stock whichever is used.
    const lived = product.supplier_id ? measured.get(product.supplier_id) : undefined;
    const leadTime = product.lead_time_days ?? lived?.meanDays ?? query.leadTimeDays;
    const leadTimeDays = Math.max(1, Math.round(leadTime));
    const input: ReplenishmentInput = {
      daily: forecast.daily,
      errorSd: errorSdOver(forecast, leadTimeDays),
      leadTimeDays: leadTime,
      ...(lived ? { leadTimeSdDays: lived.sdDays } : {}),
      ...(Number(product.moq) > 0 ? { moq: Number(product.moq) } : {}),
      ...(Number(product.pack_size) > 0 ? { packSize: Number(product.pack_size) } : {}),
      serviceLevel: query.serviceLevel,
      coverDays: query.coverDays,
      onHand: Number(product.on_hand),
      onOrder: Number(product.on_order),
      demandSizes: demandSizesFor(forecast),
    };
    if (!mayOrder(input)) continue;
    const plan = replenish(input);
    const orderQuantity = Math.ceil(plan.orderQuantity - 1e-9);
    if (orderQuantity <= 0) continue;
    const key = product.supplier_id ?? '';
    if (!groups.has(key)) groups.set(key, { supplierId: product.supplier_id, supplierName: product.supplier_name, lines: [] });
    groups.get(key)!.lines.push({
      productId: product.id,
      productName: product.name,
      unit: product.unit,
      onHand: decimal(Number(product.on_hand)),
      onOrder: decimal(Number(product.on_order)),
      dailyDemand: decimal(forecast.daily.slice(0, 7).reduce((sum, day) => sum + day.mean, 0) / 7),
      safetyStock: decimal(plan.safetyStock),
      reorderPoint: decimal(plan.reorderPoint),
      orderUpTo: decimal(plan.orderUpTo),
      orderQuantity: decimal(orderQuantity),
      unitPrice: product.inbound_price,
      stockoutDate: plan.stockoutDate,
      leadTimeDays,
      leadTimeSource: product.lead_time_days !== null ? 'supplier' : lived ? 'measured' : 'asked',
      measuredLeadTime: lived ? { meanDays: lived.meanDays.toFixed(1), sdDays: lived.sdDays.toFixed(1), orders: lived.orders } : null,
      method: forecast.method,
    });
  }
  return {
    leadTimeDays: query.leadTimeDays,
    serviceLevel: query.serviceLevel,
    coverDays: query.coverDays,
    productsChecked: candidates.length,
    // The supplier named first, then the lines with no supplier.
    groups: [...groups.values()].sort((a, b) => (a.supplierId === null ? 1 : b.supplierId === null ? -1 : (a.supplierName ?? '').localeCompare(b.supplierName ?? ''))),
  };
}
