import { Bill, BillListQuery, CreateBillRequest, IdParams, listOf, Ok, RejectBillRequest, UpdateBillRequest } from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { approveBill } from '../use-cases/bills/approve-bill.ts';
import { confirmBill } from '../use-cases/bills/confirm-bill.ts';
import { createBill } from '../use-cases/bills/create-bill.ts';
import { deleteBill } from '../use-cases/bills/delete-bill.ts';
import { getBill } from '../use-cases/bills/get-bill.ts';
import { listBills } from '../use-cases/bills/list-bills.ts';
import { rejectBill } from '../use-cases/bills/reject-bill.ts';
import { reopenBill } from '../use-cases/bills/reopen-bill.ts';
import { reverseBill } from '../use-cases/bills/reverse-bill.ts';
import { updateBill } from '../use-cases/bills/update-bill.ts';
import { withdrawBill } from '../use-cases/bills/withdraw-bill.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

const tags = ['bills'];

/** Every bill write runs in one transaction and honours Idempotency-Key (writeOnce). */
export const billRoutes: RouteModule = (app, db) => {
  const billId = (params: { id: string }) => pathId(params.id, 'Bill');

  app.get('/api/bills', { schema: { tags, querystring: BillListQuery, response: { 200: listOf(Bill) } } }, async (request) =>
    listBills(db, actorOf(request), request.query),
  );
  app.get('/api/bills/:id', { schema: { tags, params: IdParams, response: { 200: Bill } } }, async (request) =>
    getBill(db, actorOf(request), billId(request.params)),
  );
  app.post('/api/bills', { schema: { tags, body: CreateBillRequest, response: { 201: Bill } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, createBill, request.body),
  );
  app.put('/api/bills/:id', { schema: { tags, params: IdParams, body: UpdateBillRequest, response: { 200: Bill } } }, async (request, reply) =>
    writeOnce(db, request, reply, 200, updateBill, { id: billId(request.params), changes: request.body }),
  );
  app.delete('/api/bills/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (request, reply) =>
    writeOnce(db, request, reply, 200, deleteBill, billId(request.params)),
  );
  app.post('/api/bills/:id/reject', { schema: { tags, params: IdParams, body: RejectBillRequest, response: { 200: Bill } } }, async (request, reply) =>
    writeOnce(db, request, reply, 200, rejectBill, { id: billId(request.params), reason: request.body.reason }),
  );
  // The actions that take nothing but the bill and answer with it.
  for (const [action, useCase] of [
    ['confirm', confirmBill],
    ['approve', approveBill],
    ['withdraw', withdrawBill],
    ['reopen', reopenBill],
  ] as const) {
    app.post(`/api/bills/:id/${action}`, { schema: { tags, params: IdParams, response: { 200: Bill } } }, async (request, reply) =>
      writeOnce(db, request, reply, 200, useCase, billId(request.params)),
    );
  }
  app.post('/api/bills/:id/reverse', { schema: { tags, params: IdParams, response: { 201: Bill } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, reverseBill, billId(request.params)),
  );
};
