import { LoginRequest, Me, Ok, RegisterRequest, Session } from '@xiaocang/contracts';
import { actorOf } from '../http/context.ts';
import { getMe } from '../use-cases/accounts/get-me.ts';
import { login } from '../use-cases/accounts/login.ts';
import { logout } from '../use-cases/accounts/logout.ts';
import { registerShop } from '../use-cases/accounts/register-shop.ts';
import type { RouteModule } from './types.ts';

export const authRoutes: RouteModule = (app, db) => {
  app.post(
    '/api/auth/register',
    { schema: { tags: ['auth'], security: [], body: RegisterRequest, response: { 201: Session } } },
    async (request, reply) => reply.status(201).send(await registerShop(db, request.body)),
  );
  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], security: [], body: LoginRequest, response: { 200: Session } } },
    async (request) => login(db, request.body),
  );
  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: Ok } } }, async (request) => {
    actorOf(request);
    await logout(db, request.headers.authorization!.slice('Bearer '.length).trim());
    return { ok: true as const };
  });
  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => getMe({ db, actor: actorOf(request) }));
};
