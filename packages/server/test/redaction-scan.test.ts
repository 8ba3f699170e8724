import { COST_FIELDS, PRICE_FIELDS, STOCK_FIELDS, type StaffPermissions } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type ApiResponse, type Client, type TestApp } from './support/harness.ts';
import { ALL_OFF, buildRichShop, getRoutes, setMemberSwitches, setSwitches, urlsForRoute, type RichShop } from './support/rich-shop.ts';

/**
 * Rule 6 of the architecture: every GET route, called as a restricted staff member, is scanned for what
 * the switch hides. The scan's notion of an inbound context is deliberately wider than the redaction's:
 * besides direction 'in' and kind transfer/stocktake it counts a transfer's reversal and any ledger row of
 * a transfer or stocktake bill type, because their prices are costs too.
 */
const COST_BILL_TYPES = new Set(['调拨出库', '调拨入库', '盘盈入库', '盘亏出库']);
const isZero = (value: string) => /^-?0(\.0+)?$/.test(value);

function isInboundContext(record: Record<string, unknown>): boolean {
  return (
    record.direction === 'in' ||
    record.kind === 'transfer' ||
    record.kind === 'stocktake' ||
    (typeof record.transferPeerId === 'string' && record.transferPeerId !== '') ||
    COST_BILL_TYPES.has(record.billType as string)
  );
}

interface ScanRules {
  costs: boolean;
  stock: boolean;
  /** Inbound prices and costs as the owner saw them: none may appear anywhere for hideInboundPrice. */
  secrets: ReadonlySet<string>;
}

/** Every place in a body that shows what the rules hide, as "path: reason". */
function findLeaks(body: unknown, rules: ScanRules): string[] {
  const leaks: string[] = [];
  const walk = (value: unknown, path: string, inbound: boolean): void => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`, inbound));
    if (typeof value === 'string' && rules.costs && rules.secrets.has(value)) leaks.push(`${path}: known cost ${value}`);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const here = inbound || isInboundContext(record);
    for (const [key, child] of Object.entries(record)) {
      const at = `${path}.${key}`;
      if (rules.costs && COST_FIELDS.has(key)) leaks.push(`${at}: cost field`);
      if (rules.costs && here && PRICE_FIELDS.has(key)) leaks.push(`${at}: price in an inbound context`);
      if (rules.stock && STOCK_FIELDS.has(key)) leaks.push(`${at}: stock field`);
      walk(child, at, here);
    }
  };
  walk(body, '$', false);
  return leaks;
}

/** Values of cost fields, and of price fields in inbound contexts, anywhere in a body the owner received. */
function collectSecrets(body: unknown, into: Set<string>): void {
  const walk = (value: unknown, inbound: boolean): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, inbound));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const here = inbound || isInboundContext(record);
    for (const [key, child] of Object.entries(record)) {
      const secret = COST_FIELDS.has(key) || (here && PRICE_FIELDS.has(key));
      if (secret && typeof child === 'string' && !isZero(child)) into.add(child);
      walk(child, here);
    }
  };
  walk(body, false);
}

/** Routes a staff member is always refused, whatever the switches. */
const OWNER_ONLY = ['/api/staff', '/api/staff/:id', '/api/reports/sales-by-customer', '/api/reports/sales-by-product', '/api/analytics/forecast', '/api/analytics/purchase-suggestions', '/api/analytics/classification', '/api/warnings/rules', '/api/notifications/deliveries', '/api/audit', '/api/shop/backup'];
/** Exports of lists and reports refused whole, as the list or report itself is (one route, several of them). */
const REFUSED_EXPORTS: Record<'costs' | 'stock', string[]> = {
  costs: ['/api/exports/payables?format=csv', '/api/exports/payables-ageing?format=csv'],
  stock: ['/api/exports/inventory?format=csv', '/api/exports/warning-report?format=csv&from=', '/api/exports/stock-summary?format=csv', '/api/exports/stock-trend?format=csv'],
};
/** Exports of the owner's reports, refused to every staff member. */
const OWNER_ONLY_EXPORTS = ['/api/exports/sales-by-product?format=csv', '/api/exports/sales-by-customer?format=csv', '/api/exports/classification?format=csv'];

/** A known cost or inbound price as a whole cell of an exported CSV. */
function csvLeaks(body: unknown, rules: { costs: boolean; secrets: Set<string> }): string[] {
  if (!rules.costs || !Buffer.isBuffer(body)) return [];
  return body
    .toString('utf8')
    .split(/[,\r\n]+/)
    .filter((cell) => rules.secrets.has(cell))
    .map((cell) => `csv cell ${cell}`);
}
const REFUSED: Record<'costs' | 'stock', string[]> = {
  costs: [
    '/api/inventory/verify',
    '/api/payables',
    '/api/suppliers/:id/open-bills',
    '/api/suppliers/:id/statement',
    '/api/payments',
    '/api/payments/:id',
    '/api/reports/payables-ageing',
    '/api/money/verify',
  ],
  stock: [
    '/api/inventory',
    '/api/inventory/verify',
    '/api/products/:id/ledger',
    '/api/stocktakes/:id',
    '/api/warnings',
    '/api/warnings/report',
    '/api/reports/stock-summary',
    '/api/reports/stock-trend',
  ],
};
/** Routes on which the owner must see hidden fields, so that a scan finding nothing means something. */
const OWNER_SEES: Record<'costs' | 'stock', string[]> = {
  costs: [
    '/api/products',
    '/api/products/:id',
    '/api/products/by-code/:code',
    '/api/bills',
    '/api/bills/:id',
    '/api/inventory',
    '/api/products/:id/ledger',
    '/api/stats/monthly',
    '/api/dashboard',
    '/api/suppliers/:id',
    '/api/payment-accounts',
    '/api/payment-accounts/:id',
    '/api/payments/:id',
    '/api/money/summary',
    '/api/reports/stock-summary',
    '/api/reports/in-out',
    '/api/reports/stock-trend',
  ],
  stock: ['/api/reports/stock-summary', '/api/reports/in-out', '/api/reports/stock-trend', '/api/products', '/api/products/:id', '/api/products/by-code/:code', '/api/bills/:id', '/api/inventory', '/api/products/:id/ledger', '/api/stocktakes/:id', '/api/dashboard'],
};

interface Visit {
  route: string;
  url: string;
  response: ApiResponse;
}

describeOnDatabase('redaction scan of every GET route', () => {
  let t: TestApp;
  let shop: RichShop;
  let routes: string[];
  let ownerVisits: Visit[];
  const secrets = new Set<string>();

  const visitAll = async (client: Client): Promise<Visit[]> => {
    const visits: Visit[] = [];
    for (const route of routes) {
      for (const url of urlsForRoute(shop, route)) visits.push({ route, url, response: await client.get(url) });
    }
    return visits;
  };

  beforeAll(async () => {
    t = await createTestApp();
    shop = await buildRichShop(t);
    routes = getRoutes(t);
    ownerVisits = await visitAll(shop.owner);
    for (const visit of ownerVisits) collectSecrets(visit.response.body, secrets);
    collectSecrets((await shop.owner.get(`/api/bills/${shop.bills.transferIn}`)).body, secrets);
    // Building the shop and reading every route takes a while on a busy machine.
  }, 180_000);

  it('reads every GET route from the route table and answers each for the owner', () => {
    expect(routes.length).toBeGreaterThanOrEqual(24);
    expect(routes).toEqual(expect.arrayContaining(['/api/bills/:id', '/api/products/:id/ledger', '/api/stocktakes/:id', '/api/dashboard']));
    expect(new Set(ownerVisits.map((visit) => visit.route))).toEqual(new Set(routes));
    for (const visit of ownerVisits) expect(visit.response.status, visit.url).toBe(200);
    // The known inbound prices and costs are among the secrets, and no outbound price is.
    expect([...secrets]).toEqual(expect.arrayContaining(['7.31', '7.3100', '292.40', '11.17', '8.9300', '13.5700', '12.3400', '7.6340', '45.80', '33.51']));
    expect([...secrets].filter((value) => ['19.90', '19.9000', '29.50', '99.50'].includes(value))).toEqual([]);
    // The owner's exports carry them, so the CSV scan below can find them.
    for (const list of ['products', 'inventory', 'bills', 'payables', 'monthly', 'stock-summary', 'in-out', 'stock-trend']) {
      expect(csvLeaks(ownerVisits.find((visit) => visit.url.startsWith(`/api/exports/${list}?format=csv`))!.response.body, { costs: true, secrets }), list).not.toEqual([]);
    }
  });

  it.each(['costs', 'stock'] as const)('the owner receives the %s fields a staff member must not', (kind) => {
    const rules = { costs: kind === 'costs', stock: kind === 'stock', secrets };
    const seen = new Set(ownerVisits.filter((visit) => findLeaks(visit.response.body, rules).length > 0).map((visit) => visit.route));
    expect([...seen]).toEqual(expect.arrayContaining(OWNER_SEES[kind]));
    const fields = new Set(ownerVisits.flatMap((visit) => findLeaks(visit.response.body, rules).map((leak) => leak.split(': ')[0]!.split('.').pop()!)));
    const expected = kind === 'costs' ? [...COST_FIELDS] : [...STOCK_FIELDS].filter((f) => f !== 'available');
    expect([...fields]).toEqual(expect.arrayContaining([...expected, ...(kind === 'costs' ? ['unitPrice', 'amount', 'totalAmount'] : [])]));
  });

  type SetBy = 'shop' | 'member';
  const scenarios: Array<[string, Partial<StaffPermissions>, SetBy]> = [
    ['hideInboundPrice', { hideInboundPrice: true }, 'shop'],
    ['hideInventory', { hideInventory: true }, 'shop'],
    ['hideInboundPrice and hideInventory', { hideInboundPrice: true, hideInventory: true }, 'shop'],
    ['hideInboundPrice and hideInventory set for the member alone', { hideInboundPrice: true, hideInventory: true }, 'member'],
  ];
  /** The switches as the shop's set, or as the staff member's own overrides over a shop with every switch off. */
  const applySwitches = async (switches: Partial<StaffPermissions>, setBy: SetBy) => {
    await setSwitches(shop.owner, setBy === 'shop' ? { ...ALL_OFF, ...switches } : ALL_OFF);
    const own = Object.fromEntries(Object.keys(ALL_OFF).map((key) => [key, setBy === 'member' ? (switches[key as keyof StaffPermissions] ?? null) : null]));
    await setMemberSwitches(shop.owner, shop.staff.userId, own);
  };

  it.each(scenarios)('with %s, no GET route shows a staff member what is hidden', async (_name, switches, setBy) => {
    await applySwitches(switches, setBy);
    const rules = { costs: !!switches.hideInboundPrice, stock: !!switches.hideInventory, secrets };
    const refused = new Set([...OWNER_ONLY, ...(rules.costs ? REFUSED.costs : []), ...(rules.stock ? REFUSED.stock : [])]);
    const visits = await visitAll(shop.staff);

    expect(new Set(visits.map((visit) => visit.route))).toEqual(new Set(routes));
    expect(visits.length).toBe(ownerVisits.length);
    const statuses = visits.map((visit) => `${visit.url} ${visit.response.status}`);
    const refusedExports = [...OWNER_ONLY_EXPORTS, ...(rules.costs ? REFUSED_EXPORTS.costs : []), ...(rules.stock ? REFUSED_EXPORTS.stock : [])];
    const exportRefused = (url: string) => refusedExports.some((refusedUrl) => url.startsWith(refusedUrl));
    expect(statuses).toEqual(ownerVisits.map((visit) => `${visit.url} ${refused.has(visit.route) || exportRefused(visit.url) ? 403 : 200}`));
    const leaks = visits.flatMap((visit) => [...findLeaks(visit.response.body, rules), ...csvLeaks(visit.response.body, rules)].map((leak) => `${visit.url} ${leak}`));
    expect(leaks).toEqual([]);
    // What is not hidden is still there: the scan looked at real records.
    const product = visits.find((visit) => visit.route === '/api/products/:id')!.response.body;
    expect(product).toMatchObject({ id: shop.productA.id, outboundPrice: '19.90', warningStock: '100.000' });
    const sale = (await shop.staff.get(`/api/bills/${shop.bills.outbound}`)).body;
    expect(sale.lines[0]).toMatchObject({ quantity: '5.000', unitPrice: '19.9000', amount: '99.50' });
  });

  it.each(scenarios)('with %s, write responses and errors hide the same', async (_name, switches, setBy) => {
    await applySwitches(switches, setBy);
    const rules = { costs: !!switches.hideInboundPrice, stock: !!switches.hideInventory, secrets };
    const { staff, today } = shop;
    const responses: Array<[string, ApiResponse]> = [];
    const call = async (what: string, response: Promise<ApiResponse>, status: number) => {
      const answered = await response;
      expect(answered.status, `${what}: ${JSON.stringify(answered.body)}`).toBe(status);
      responses.push([what, answered]);
      return answered.body;
    };
    const billFields = (direction: 'in' | 'out', extra: Record<string, unknown>) => ({
      billType: direction === 'in' ? '采购入库' : '销售出库',
      billDate: today,
      lines: [{ productId: shop.productA.id, quantity: 1 }],
      ...extra,
    });
    const bill = (direction: 'in' | 'out', extra: Record<string, unknown>) => ({ direction, ...billFields(direction, extra) });
    await call('inbound bill', staff.post('/api/bills', bill('in', { confirm: true, supplierId: shop.supplierId })), 201);
    const draft = await call('inbound draft', staff.post('/api/bills', bill('in', {})), 201);
    await call('draft update', staff.put(`/api/bills/${draft.id}`, billFields('in', { lines: [{ productId: shop.productB.id, quantity: 2 }] })), 200);
    await call('draft confirm', staff.post(`/api/bills/${draft.id}/confirm`), 200);
    await call('outbound bill', staff.post('/api/bills', bill('out', { confirm: true })), 201);
    await call('transfer', staff.post('/api/transfers', {
      fromStockPointId: shop.defaultStockPointId,
      toStockPointId: shop.secondStockPointId,
      billDate: today,
      lines: [{ productId: shop.productA.id, quantity: 1 }],
    }), 201);
    await call('stocktake', staff.post('/api/stocktakes', { billDate: today, lines: [{ productId: shop.productA.id, countedQuantity: 1 }] }), rules.stock ? 403 : 201);
    await call('product', staff.post('/api/products', { name: '新品', unit: '个', inboundPrice: '3.21', outboundPrice: '6.54' }), 201);
    const oversell = bill('out', { confirm: true, lines: [{ productId: shop.productB.id, quantity: 9999 }] });
    const shortage = await call('oversell', staff.post('/api/bills', oversell), 409);
    // Which lines are short is stock too (shortage-redaction.test.ts): hideInventory leaves the refusal alone.
    if (rules.stock) expect(shortage.error).toEqual({ code: 'INSUFFICIENT_STOCK', message: expect.any(String) });
    else expect(shortage.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: [{ productId: shop.productB.id, requested: '9999.000' }] });
    // The owner's same error carries the available quantity, so its absence above is redaction at work.
    const ownerShortage = await shop.owner.post('/api/bills', oversell);
    expect(ownerShortage.body.error.details[0].available).toMatch(/^\d+\.000$/);

    const leaks = responses.flatMap(([what, response]) => findLeaks(response.body, rules).map((leak) => `${what} ${leak}`));
    expect(leaks).toEqual([]);
    expect(responses.length).toBe(9);
  });
});
