import {
  Ageing,
  CreatePaymentRequest,
  CreateReceiptRequest,
  CustomerPrices,
  CustomerPricesQuery,
  IdParams,
  listOf,
  MoneySummary,
  MoneyVerification,
  OpenBills,
  PartyBalance,
  PartyBalanceQuery,
  PeriodQuery,
  SalesByCustomer,
  SalesByProduct,
  Settlement,
  SettlementListQuery,
  Statement,
} from '@xiaocang/contracts';
import type { PartyKind, SettlementKind } from '@xiaocang/domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorOf, pathId } from '../http/context.ts';
import { getMoneySummary } from '../use-cases/money/get-money-summary.ts';
import { getSettlement } from '../use-cases/money/get-settlement.ts';
import { getStatement } from '../use-cases/money/get-statement.ts';
import { listOpenBills } from '../use-cases/money/list-open-bills.ts';
import { listPartyBalances } from '../use-cases/money/list-party-balances.ts';
import { listSettlements } from '../use-cases/money/list-settlements.ts';
import { recordSettlement } from '../use-cases/money/record-settlement.ts';
import { reverseSettlement } from '../use-cases/money/reverse-settlement.ts';
import { verifyMoney } from '../use-cases/money/verify-money.ts';
import { getCustomerPrices } from '../use-cases/pricing/get-customer-prices.ts';
import { getAgeing } from '../use-cases/reports/get-ageing.ts';
import { salesByCustomer } from '../use-cases/reports/sales-by-customer.ts';
import { salesByProduct } from '../use-cases/reports/sales-by-product.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

const tags = ['money'];

/** The same routes for both sides: receivables from customers, payables to suppliers. */
const SIDES: Array<{ party: PartyKind; parties: string; label: string; settlement: SettlementKind; settlements: string; balances: string; body: z.ZodType }> = [
  { party: 'customer', parties: 'customers', label: 'Customer', settlement: 'receipt', settlements: 'receipts', balances: 'receivables', body: CreateReceiptRequest },
  { party: 'supplier', parties: 'suppliers', label: 'Supplier', settlement: 'payment', settlements: 'payments', balances: 'payables', body: CreatePaymentRequest },
];

export const moneyRoutes: RouteModule = (app, db) => {
  const id = (request: FastifyRequest, what: string) => pathId((request.params as { id: string }).id, what);

  for (const side of SIDES) {
    const documentLabel = side.settlement === 'receipt' ? 'Receipt' : 'Payment';
    app.get(`/api/${side.balances}`, { schema: { tags, querystring: PartyBalanceQuery, response: { 200: listOf(PartyBalance) } } }, async (request) =>
      listPartyBalances(db, actorOf(request), { kind: side.party, query: request.query }),
    );
    app.get(`/api/${side.parties}/:id/open-bills`, { schema: { tags, params: IdParams, response: { 200: OpenBills } } }, async (request) =>
      listOpenBills(db, actorOf(request), { kind: side.party, partyId: id(request, side.label) }),
    );
    app.get(`/api/${side.parties}/:id/statement`, { schema: { tags, params: IdParams, querystring: PeriodQuery, response: { 200: Statement } } }, async (request) =>
      getStatement(db, actorOf(request), { kind: side.party, partyId: id(request, side.label), period: request.query }),
    );
    app.post(`/api/${side.settlements}`, { schema: { tags, body: side.body, response: { 201: Settlement } } }, async (request, reply) =>
      writeOnce(db, request, reply, 201, recordSettlement, { kind: side.settlement, document: request.body as CreateReceiptRequest | CreatePaymentRequest }),
    );
    app.get(
      `/api/${side.settlements}`,
      { schema: { tags, querystring: SettlementListQuery.omit({ kind: true }), response: { 200: listOf(Settlement) } } },
      async (request) => listSettlements(db, actorOf(request), { kind: side.settlement, query: request.query }),
    );
    app.get(`/api/${side.settlements}/:id`, { schema: { tags, params: IdParams, response: { 200: Settlement } } }, async (request) =>
      getSettlement(db, actorOf(request), { kind: side.settlement, id: id(request, documentLabel) }),
    );
    app.post(`/api/${side.settlements}/:id/reverse`, { schema: { tags, params: IdParams, response: { 201: Settlement } } }, async (request, reply) =>
      writeOnce(db, request, reply, 201, reverseSettlement, { kind: side.settlement, id: id(request, documentLabel) }),
    );
    app.get(`/api/reports/${side.balances}-ageing`, { schema: { tags: ['reports'], response: { 200: Ageing } } }, async (request) =>
      getAgeing(db, actorOf(request), side.party),
    );
  }

  app.get(
    '/api/customers/:id/prices',
    { schema: { tags: ['customer'], params: IdParams, querystring: CustomerPricesQuery, response: { 200: CustomerPrices } } },
    async (request) => getCustomerPrices(db, actorOf(request), { customerId: id(request, 'Customer'), productIds: request.query.productIds }),
  );
  app.get('/api/money/summary', { schema: { tags, response: { 200: MoneySummary } } }, async (request) => getMoneySummary(db, actorOf(request)));
  // Its several reads see one moment of the books: a payment posted between two of them is no difference.
  app.get('/api/money/verify', { schema: { tags, response: { 200: MoneyVerification } } }, async (request) =>
    db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return verifyMoney(tx, actorOf(request));
    }),
  );
  app.get('/api/reports/sales-by-customer', { schema: { tags: ['reports'], querystring: PeriodQuery, response: { 200: SalesByCustomer } } }, async (request) =>
    salesByCustomer(db, actorOf(request), request.query),
  );
  app.get('/api/reports/sales-by-product', { schema: { tags: ['reports'], querystring: PeriodQuery, response: { 200: SalesByProduct } } }, async (request) =>
    salesByProduct(db, actorOf(request), request.query),
  );
};
