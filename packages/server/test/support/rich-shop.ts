import { addDays } from '@xiaocang/analytics';
import { checkDailyWarnings } from '../../src/use-cases/warnings/check-daily-warnings.ts';
import { DEFAULT_STAFF_PERMISSIONS, shopDay, type StaffPermissions } from '@xiaocang/domain';
import { expect } from 'vitest';
import type { ApiResponse, Client, Json, TestApp } from './harness.ts';

/** Sets some of the shop's staff switches, leaving the others as they are. */
export async function setSwitches(owner: Client, switches: Partial<StaffPermissions>): Promise<void> {
  const response = await owner.put('/api/shop', { staffPermissions: switches });
  if (response.status !== 200) throw new Error(`switches not set: ${JSON.stringify(response.body)}`);
}

/** Sets some switches for one staff member (null: back to the shop's set), leaving their others as they are. */
export async function setMemberSwitches(owner: Client, staffId: string, switches: Partial<Record<keyof StaffPermissions, boolean | null>>): Promise<void> {
  const response = await owner.put(`/api/staff/${staffId}`, { permissionOverrides: switches });
  if (response.status !== 200) throw new Error(`member switches not set: ${JSON.stringify(response.body)}`);
}

/** Every switch off. */
export const ALL_OFF: StaffPermissions = DEFAULT_STAFF_PERMISSIONS;

/** Fails the test with the response body when a setup call did not answer as expected. */
export function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): T {
  expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(status);
  return response.body;
}

/**
 * A shop with one record of every kind the stock routes show: master data, inbound and outbound bills,
 * a transfer, a reversed transfer, a reversed inbound bill, a confirmed stocktake with a gain and a loss,
 * a draft stocktake, a draft bill and a staff bill waiting for approval; a price level, purchases and a sale
 * paid in part, a payment to the supplier and a receipt from the customer.
 * Prices are chosen so that no inbound price or cost equals any outbound figure.
 */
export interface RichShop {
  owner: Client;
  staff: Client;
  today: string;
  categoryId: string;
  supplierId: string;
  customerId: string;
  /** Inbound 7.31 then 8.93, sold at 19.90. */
  productA: { id: string; code: string };
  /** Inbound 11.17, sold at 29.50. */
  productB: { id: string; code: string };
  defaultStockPointId: string;
  secondStockPointId: string;
  bills: {
    inbound: string;
    inbound2: string;
    outbound: string;
    transferOut: string;
    transferIn: string;
    reversedTransferOut: string;
    reversedTransferIn: string;
    transferReversalOut: string;
    transferReversalIn: string;
    reversedInbound: string;
    inboundReversal: string;
    stocktakeGain: string;
    stocktakeLoss: string;
    ownerDraft: string;
    staffPending: string;
  };
  stocktakes: { confirmed: string; draft: string };
  goodsId: string;
  /** An unpaid storefront order for one of product A. */
  orderId: string;
  /** The bills of the history the rate and age warnings are raised on. */
  historyBillIds: string[];
  priceLevelId: string;
  accountIds: string[];
  /** A receipt of 31.31 from the customer into 微信, a payment of 200.11 to the supplier from 微信. */
  receiptId: string;
  paymentId: string;
}

export async function buildRichShop(t: TestApp, name = '样板店'): Promise<RichShop> {
  const owner = await t.registerShop(name);
  const staff = await t.addStaff(owner);
  const today = shopDay(new Date());
  const ok = <T = Json>(response: ApiResponse<T>, what: string, status = 201) => expectStatus(response, status, what);

  const category = ok(await owner.post('/api/categories', { name: '饮料' }), 'category');
  const supplier = ok(await owner.post('/api/suppliers', { name: '批发商', code: `S${name}` }), 'supplier');
  const productA = ok(
    await owner.post('/api/products', {
      name: '可乐',
      code: `A-${owner.shopId}`,
      unit: '瓶',
      categoryId: category.id,
      supplierId: supplier.id,
      inboundPrice: '7.31',
      outboundPrice: '19.90',
      warningStock: '100',
    }),
    'product A',
  );
  const productB = ok(
    await owner.post('/api/products', { name: '雪碧', code: `B-${owner.shopId}`, unit: '瓶', inboundPrice: '11.17', outboundPrice: '29.50', warningStock: '1' }),
    'product B',
  );
  const customer = ok(await owner.post('/api/customers', { name: '小卖部', availableProductIds: [productA.id] }), 'customer');
  const second = ok(await owner.post('/api/stock-points', { name: '二号仓' }), 'stock point');
  const points = ok(await owner.get('/api/stock-points?pageSize=200'), 'stock points', 200);
  const defaultStockPointId = points.items.find((p: { isDefault: boolean }) => p.isDefault).id as string;

  const accounts = ok(await owner.get('/api/payment-accounts'), 'accounts', 200).items as Array<{ id: string; name: string }>;
  const accountId = (name: string) => accounts.find((account) => account.name === name)!.id;
  const priceLevel = ok(await owner.post('/api/price-levels', { name: '代理价' }), 'price level');
  ok(await owner.put(`/api/products/${productA.id}`, { prices: [{ priceLevelId: priceLevel.id, price: '18.80' }] }), 'level price', 200);

  const bill = async (direction: 'in' | 'out', lines: unknown[], extra: Record<string, unknown> = {}, client = owner) =>
    ok(
      await client.post('/api/bills', {
        direction,
        billType: direction === 'in' ? '采购入库' : '销售出库',
        billDate: today,
        lines,
        confirm: true,
        ...extra,
      }),
      `${direction} bill`,
    );
  const inbound = await bill(
    'in',
    [
      { productId: productA.id, quantity: 40 },
      { productId: productB.id, quantity: 30 },
    ],
    { supplierId: supplier.id, paidAmount: '123.45', paymentAccountId: accountId('银行卡') },
  );
  const inbound2 = await bill('in', [{ productId: productA.id, quantity: 10, unitPrice: '8.93' }], { supplierId: supplier.id });
  const outbound = await bill('out', [{ productId: productA.id, quantity: 5 }], { customerId: customer.id, paidAmount: '20.00', paymentAccountId: accountId('微信') });
  // The supplier is owed 627.50 − 123.45 + 89.30 − 200.11 = 393.24; the customer owes 99.50 − 20.00 − 31.31 = 48.19.
  // Paid from 微信, so no account balance equals a figure a staff member sees (微信: 20.00 + 31.31 − 200.11).
  const payment = ok(await owner.post('/api/payments', { supplierId: supplier.id, accountId: accountId('微信'), amount: '200.11', docDate: today }), 'payment');
  const receipt = ok(await owner.post('/api/receipts', { customerId: customer.id, accountId: accountId('微信'), amount: '31.31', docDate: today }), 'receipt');
  const transfer = ok(
    await owner.post('/api/transfers', {
      fromStockPointId: defaultStockPointId,
      toStockPointId: second.id,
      billDate: today,
      lines: [{ productId: productA.id, quantity: 6 }],
    }),
    'transfer',
  );
  const reversedTransfer = ok(
    await owner.post('/api/transfers', {
      fromStockPointId: defaultStockPointId,
      toStockPointId: second.id,
      billDate: today,
      lines: [{ productId: productB.id, quantity: 3 }],
    }),
    'transfer to reverse',
  );
  const transferReversal = ok(await owner.post(`/api/bills/${reversedTransfer.outBill.id}/reverse`), 'transfer reversal');
  const transferReversalPeer = ok(await owner.get(`/api/bills/${transferReversal.transferPeerId}`), 'transfer reversal peer', 200);
  const reversedInbound = await bill('in', [{ productId: productB.id, quantity: 4, unitPrice: '12.34' }]);
  const inboundReversal = ok(await owner.post(`/api/bills/${reversedInbound.id}/reverse`), 'inbound reversal');

  // Default point now holds A 40+10−5−6 = 39 and B 30; count 41 and 28: a gain of 2 and a loss of 2.
  const counted = ok(
    await owner.post('/api/stocktakes', {
      billDate: today,
      lines: [
        { productId: productA.id, countedQuantity: 41 },
        { productId: productB.id, countedQuantity: 28 },
      ],
    }),
    'stocktake',
  );
  const confirmed = ok(await owner.post(`/api/stocktakes/${counted.id}/confirm`), 'stocktake confirm', 200);
  expect(confirmed.gainBillId && confirmed.lossBillId).toBeTruthy();
  const draftStocktake = ok(
    await owner.post('/api/stocktakes', { stockPointId: second.id, billDate: today, lines: [{ productId: productA.id, countedQuantity: 5 }] }),
    'draft stocktake',
  );

  // A month of history that every kind of warning holds on: a product selling far faster this week and soon gone, and one idle for 120 days.
  const mask = ok(await owner.post('/api/products', { name: '面膜', unit: '盒', inboundPrice: '3.21', outboundPrice: '9.90' }), 'product C');
  const scarf = ok(await owner.post('/api/products', { name: '围巾', unit: '条', inboundPrice: '4.32', outboundPrice: '15.00' }), 'product D');
  const history = [
    await bill('in', [{ productId: mask.id, quantity: 100 }], { billDate: addDays(today, -40) }),
    await bill('in', [{ productId: scarf.id, quantity: 8 }], { billDate: addDays(today, -120) }),
  ];
  for (let n = 34; n >= 8; n -= 7) history.push(await bill('out', [{ productId: mask.id, quantity: 7 }], { billDate: addDays(today, -n) }));
  for (let n = 6; n >= 1; n--) history.push(await bill('out', [{ productId: mask.id, quantity: 8 }], { billDate: addDays(today, -n) }));
  ok(await owner.put('/api/warnings/rules', { lowStockThreshold: '0', coverDays: 10, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 }), 'warning rules', 200);
  await t.db.transaction((tx) => checkDailyWarnings(tx, owner.shopId, today));

  // The storefront sells product A; a customer's unpaid order holds one.
  const goods = ok(await owner.post('/api/goods', { productId: productA.id, title: '可乐（店铺）', price: '21.00', onShelf: true }), 'goods');
  const shopper = ok(await t.request('POST', `/api/store/${owner.shopId}/register`, { phone: '13912345678', password: 'password123', name: '网店顾客' }), 'customer account');
  const asShopper = { authorization: `Bearer ${shopper.token}` };
  const address = ok(await t.request('POST', `/api/store/${owner.shopId}/addresses`, { name: '收件人', phone: '13912345678', region: '上海', detail: '一号' }, asShopper), 'address', 200);
  const order = ok(
    await t.request('POST', `/api/store/${owner.shopId}/orders`, { lines: [{ goodsId: goods.id, quantity: 1, unitPrice: '21.00' }], addressId: address.items[0].id }, asShopper),
    'order',
  );

  const ownerDraft = await bill('out', [{ productId: productA.id, quantity: 1 }], { confirm: false, customerId: customer.id });
  await setSwitches(owner, { adminApproval: true });
  const staffPending = await bill('in', [{ productId: productB.id, quantity: 2, unitPrice: '13.57' }], {}, staff);
  expect(staffPending.status).toBe('pending');
  await setSwitches(owner, { adminApproval: false });

  return {
    owner,
    staff,
    today,
    historyBillIds: history.map((posted) => posted.id as string),
    goodsId: goods.id,
    orderId: order.id,
    categoryId: category.id,
    supplierId: supplier.id,
    customerId: customer.id,
    productA: { id: productA.id, code: productA.code },
    productB: { id: productB.id, code: productB.code },
    defaultStockPointId,
    secondStockPointId: second.id,
    bills: {
      inbound: inbound.id,
      inbound2: inbound2.id,
      outbound: outbound.id,
      transferOut: transfer.outBill.id,
      transferIn: transfer.inBill.id,
      reversedTransferOut: reversedTransfer.outBill.id,
      reversedTransferIn: reversedTransfer.inBill.id,
      transferReversalOut: transferReversal.direction === 'out' ? transferReversal.id : transferReversalPeer.id,
      transferReversalIn: transferReversal.direction === 'in' ? transferReversal.id : transferReversalPeer.id,
      reversedInbound: reversedInbound.id,
      inboundReversal: inboundReversal.id,
      stocktakeGain: confirmed.gainBillId,
      stocktakeLoss: confirmed.lossBillId,
      ownerDraft: ownerDraft.id,
      staffPending: staffPending.id,
    },
    stocktakes: { confirmed: counted.id, draft: draftStocktake.id },
    priceLevelId: priceLevel.id,
    accountIds: accounts.map((account) => account.id),
    receiptId: receipt.id,
    paymentId: payment.id,
  };
}

/**
 * The GET routes of the API, read from Fastify's own route table (printRoutes draws it as a tree; each
 * line adds its segment to its parent's path). The Swagger UI, health check and OpenAPI document are left out.
 */
export function getRoutes(t: TestApp): string[] {
  const tree = t.app.printRoutes({ commonPrefix: false, method: 'GET' });
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (depth === 0 ? '' : parents[depth - 1]!) + match[2]!;
    parents[depth] = path;
    if (match[3]!.split(', ').includes('GET')) routes.push(path);
  }
  // The storefront's routes answer its customers' tokens only, never a staff session (orders.test.ts shows it).
  const excluded = /^\/api\/(docs|health$|openapi\.json$|store\/)/;
  return routes.filter((route) => route.startsWith('/api/') && !excluded.test(route));
}

/** Real ids of a rich shop for each GET route's parameters, and a few filters on the lists. */
export function urlsForRoute(shop: RichShop, route: string): string[] {
  const s = shop;
  const fill = (ids: string[]) => ids.map((id) => route.replace(/:\w+/, id));
  const byRoute: Record<string, () => string[]> = {
    '/api/staff/:id': () => fill([s.staff.userId]),
    '/api/categories/:id': () => fill([s.categoryId]),
    '/api/products/:id': () => fill([s.productA.id, s.productB.id]),
    '/api/products/by-code/:code': () => fill([s.productA.code, s.productB.code]),
    '/api/products/:id/ledger': () => [...fill([s.productA.id, s.productB.id]), `/api/products/${s.productA.id}/ledger?stockPointId=${s.secondStockPointId}`],
    '/api/suppliers/:id': () => fill([s.supplierId]),
    '/api/customers/:id': () => fill([s.customerId]),
    '/api/stock-points/:id': () => fill([s.defaultStockPointId, s.secondStockPointId]),
    '/api/bills/:id': () => fill(Object.values(s.bills)),
    // A bill as an image or a PDF: posted bills only (a draft is refused), inbound, outbound and a transfer.
    '/api/bills/:id/share.png': () => fill([s.bills.inbound, s.bills.outbound]),
    '/api/bills/:id/print.pdf': () => [...fill([s.bills.inbound, s.bills.transferIn]), `${route.replace(/:\w+/, s.bills.outbound)}?layout=58`],
    '/api/stocktakes/:id': () => fill(Object.values(s.stocktakes)),
    '/api/analytics/forecast': () => [`${route}?productId=${s.productA.id}`, `${route}?productId=${s.productB.id}&horizon=7&stockPointId=${s.secondStockPointId}`],
    // Each kind's empty template to fill in.
    '/api/imports/:kind/template': () => ['products', 'categories', 'suppliers', 'customers'].map((kind) => route.replace(':kind', kind)),
    // Every list and report as a file (CSV, which is text, so a scan can read it), a filter on one of them.
    '/api/exports/:list': () => [
      ...['products', 'customers', 'suppliers', 'inventory', 'bills', 'receivables', 'payables'].map((list) => `/api/exports/${list}?format=csv`),
      '/api/exports/bills?direction=in',
      ...['sales-by-product', 'sales-by-customer', 'receivables-ageing', 'payables-ageing', 'classification'].map((report) => `/api/exports/${report}?format=csv`),
      `/api/exports/monthly?format=csv&year=${s.today.slice(0, 4)}`,
      `/api/exports/warning-report?format=csv&from=${s.today.slice(0, 8)}01&to=${s.today}&period=day`,
      '/api/exports/stock-summary?format=csv',
      `/api/exports/stock-summary?format=csv&groupBy=stockPoint&stockPointId=${s.secondStockPointId}`,
      `/api/exports/in-out?format=csv&from=${s.today.slice(0, 8)}01&to=${s.today}&groupBy=counterparty`,
      `/api/exports/stock-trend?format=csv&productId=${s.productA.id}&from=${s.today.slice(0, 8)}01&to=${s.today}`,
    ],
    '/api/bills': () => [route, `${route}?direction=in`, `${route}?kind=transfer`, `${route}?kind=reversal`, `${route}?status=pending&pageSize=200`],
    '/api/inventory': () => [route, `${route}?lowStock=true`, `${route}?stockPointId=${s.secondStockPointId}`],
    '/api/warnings': () => [`${route}?status=all`],
    '/api/goods/:id': () => fill([s.goodsId]),
    '/api/orders/:id': () => fill([s.orderId]),
    '/api/orders/:id/packing-slip.png': () => fill([s.orderId]),
    '/api/orders/:id/packing-slip.pdf': () => [...fill([s.orderId]), `${route.replace(/:\w+/, s.orderId)}?layout=58`],
    '/api/warnings/report': () => [`${route}?from=${s.today.slice(0, 8)}01&to=${s.today}&period=day`],
    '/api/stats/monthly': () => [`${route}?year=${s.today.slice(0, 4)}`],
    '/api/reports/stock-summary': () => [route, `${route}?groupBy=category`, `${route}?groupBy=stockPoint&stockPointId=${s.secondStockPointId}`],
    '/api/reports/in-out': () => ['day', 'week', 'month', 'billType', 'counterparty'].map((groupBy) => `${route}?from=${s.today.slice(0, 8)}01&to=${s.today}&groupBy=${groupBy}`),
    '/api/reports/stock-trend': () => [s.productA.id, s.productB.id].map((id) => `${route}?productId=${id}&from=${s.today.slice(0, 8)}01&to=${s.today}`),
    '/api/price-levels/:id': () => fill([s.priceLevelId]),
    '/api/payment-accounts/:id': () => fill(s.accountIds),
    '/api/customers/:id/prices': () => [`/api/customers/${s.customerId}/prices?productIds=${s.productA.id},${s.productB.id}`],
    '/api/customers/:id/open-bills': () => fill([s.customerId]),
    '/api/customers/:id/statement': () => fill([s.customerId]),
    '/api/suppliers/:id/open-bills': () => fill([s.supplierId]),
    '/api/suppliers/:id/statement': () => fill([s.supplierId]),
    '/api/receipts/:id': () => fill([s.receiptId]),
    '/api/payments/:id': () => fill([s.paymentId]),
  };
  if (byRoute[route]) return byRoute[route]();
  // A new route with a parameter needs real ids here, or a scan would only see its 404.
  if (route.includes(':')) throw new Error(`no ids for ${route}: add it to urlsForRoute`);
  return [route];
}
