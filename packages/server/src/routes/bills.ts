import { Bill, BillListQuery, CreateBillRequest, IdParams, listOf, Ok, RejectBillRequest, UpdateBillRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from '../db/database.ts';
import { actorOf, pathId } from '../http/context.ts';
import { idempotent } from '../http/idempotency.ts';
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

const tags = ['bills'];

export const billRoutes: RouteModule = (app, db) => {
  /** Every bill write runs in one transaction and honours Idempotency-Key. */
  const write =
    (status: number, work: (tx: Transaction, actor: Actor, request: FastifyRequest) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request);
      await idempotent(db, actor, request, reply, async (tx) => ({ status, body: await work(tx, actor, request) }));
    };
  const billId = (request: FastifyRequest) => pathId((request.params as { id: string }).id, 'Bill');

  app.get('/api/bills', { schema: { tags, querystring: BillListQuery, response: { 200: listOf(Bill) } } }, async (request) =>
    listBills({ db, actor: actorOf(request) }, request.query),
  );
  app.get('/api/bills/:id', { schema: { tags, params: IdParams, response: { 200: Bill } } }, async (request) =>
    getBill({ db, actor: actorOf(request) }, billId(request)),
  );
  app.post(
    '/api/bills',
    { schema: { tags, body: CreateBillRequest, response: { 201: Bill } } },
    write(201, (tx, actor, request) => createBill(tx, actor, request.body as CreateBillRequest)),
  );
  app.put(
    '/api/bills/:id',
    { schema: { tags, params: IdParams, body: UpdateBillRequest, response: { 200: Bill } } },
    write(200, (tx, actor, request) => updateBill(tx, actor, billId(request), request.body as UpdateBillRequest)),
  );
  app.delete(
    '/api/bills/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok } } },
    write(200, (tx, actor, request) => deleteBill(tx, actor, billId(request))),
  );
  app.post(
    '/api/bills/:id/confirm',
    { schema: { tags, params: IdParams, response: { 200: Bill } } },
    write(200, (tx, actor, request) => confirmBill(tx, actor, billId(request))),
  );
  app.post(
    '/api/bills/:id/approve',
    { schema: { tags, params: IdParams, response: { 200: Bill } } },
    write(200, (tx, actor, request) => approveBill(tx, actor, billId(request))),
  );
  app.post(
    '/api/bills/:id/reject',
    { schema: { tags, params: IdParams, body: RejectBillRequest, response: { 200: Bill } } },
    write(200, (tx, actor, request) => rejectBill(tx, actor, billId(request), (request.body as { reason: string }).reason)),
  );
  app.post(
    '/api/bills/:id/withdraw',
    { schema: { tags, params: IdParams, response: { 200: Bill } } },
    write(200, (tx, actor, request) => withdrawBill(tx, actor, billId(request))),
  );
  app.post(
    '/api/bills/:id/reopen',
    { schema: { tags, params: IdParams, response: { 200: Bill } } },
    write(200, (tx, actor, request) => reopenBill(tx, actor, billId(request))),
  );
  app.post(
    '/api/bills/:id/reverse',
    { schema: { tags, params: IdParams, response: { 201: Bill } } },
    write(201, (tx, actor, request) => reverseBill(tx, actor, billId(request))),
  );
};
