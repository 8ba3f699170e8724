import { CreateStaffRequest, IdParams, ListQuery, listOf, ResetPasswordRequest, StaffMember, UpdateStaffRequest, User } from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { createStaff } from '../use-cases/staff/create-staff.ts';
import { deactivateStaff } from '../use-cases/staff/deactivate-staff.ts';
import { getStaff } from '../use-cases/staff/get-staff.ts';
import { listStaff } from '../use-cases/staff/list-staff.ts';
import { resetStaffPassword } from '../use-cases/staff/reset-staff-password.ts';
import { updateStaff } from '../use-cases/staff/update-staff.ts';
import type { RouteModule } from './types.ts';

export const staffRoutes: RouteModule = (app, db) => {
  const staffId = (params: { id: string }) => pathId(params.id, 'Staff member');
  const tags = ['staff'];
  app.get('/api/staff', { schema: { tags, querystring: ListQuery, response: { 200: listOf(StaffMember) } } }, async (request) =>
    listStaff(db, actorOf(request), request.query),
  );
  app.post('/api/staff', { schema: { tags, body: CreateStaffRequest, response: { 201: StaffMember } } }, async (request, reply) =>
    reply.status(201).send(await createStaff(db, actorOf(request), request.body)),
  );
  app.get('/api/staff/:id', { schema: { tags, params: IdParams, response: { 200: StaffMember } } }, async (request) =>
    getStaff(db, actorOf(request), staffId(request.params)),
  );
  app.put('/api/staff/:id', { schema: { tags, params: IdParams, body: UpdateStaffRequest, response: { 200: StaffMember } } }, async (request) =>
    updateStaff(db, actorOf(request), { id: staffId(request.params), changes: request.body }),
  );
  app.post('/api/staff/:id/deactivate', { schema: { tags, params: IdParams, response: { 200: StaffMember } } }, async (request) =>
    deactivateStaff(db, actorOf(request), staffId(request.params)),
  );
  app.post(
    '/api/staff/:id/reset-password',
    { schema: { tags, params: IdParams, body: ResetPasswordRequest, response: { 200: User } } },
    async (request) => resetStaffPassword(db, actorOf(request), { id: staffId(request.params), password: request.body.password }),
  );
};
