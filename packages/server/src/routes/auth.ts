import { ChangePasswordRequest, LoginRequest, Me, Ok, RegisterRequest, Session } from '@xiaocang/contracts';
import { bearerToken } from '../http/authenticate.ts';
import { actorOf } from '../http/context.ts';
import { ADDRESS_LIMITS } from '../http/rate-limits.ts';
import { changePassword } from '../use-cases/accounts/change-password.ts';
import { getMe } from '../use-cases/accounts/get-me.ts';
import { login } from '../use-cases/accounts/login.ts';
import { logout } from '../use-cases/accounts/logout.ts';
import { logoutEverywhere } from '../use-cases/accounts/logout-everywhere.ts';
import { registerShop } from '../use-cases/accounts/register-shop.ts';
import type { RouteModule } from './types.ts';

export const authRoutes: RouteModule = (app, db) => {
  const tags = ['auth'];
  app.post(
    '/api/auth/register',
    { config: { rateLimit: ADDRESS_LIMITS.register }, schema: { tags, security: [], body: RegisterRequest, response: { 201: Session } } },
    async (request, reply) => reply.status(201).send(await registerShop(db, request.body)),
  );
  app.post(
    '/api/auth/login',
    { config: { rateLimit: ADDRESS_LIMITS.login }, schema: { tags, security: [], body: LoginRequest, response: { 200: Session } } },
    async (request) => login(db, request.body),
  );
  app.post('/api/auth/logout', { schema: { tags, response: { 200: Ok } } }, async (request) => {
    await logout(db, actorOf(request), bearerToken(request)!);
    return { ok: true as const };
  });
  app.post(
    '/api/auth/logout-everywhere',
    { schema: { tags, summary: 'Ends every session of the caller, this one included', response: { 200: Ok } } },
    async (request) => {
      await logoutEverywhere(db, actorOf(request));
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/change-password',
    {
      config: { rateLimit: ADDRESS_LIMITS.changePassword },
      schema: { tags, summary: "Changes the caller's password and ends their other sessions", body: ChangePasswordRequest, response: { 200: Ok } },
    },
    async (request) => {
      await changePassword(db, actorOf(request), { ...request.body, sessionToken: bearerToken(request)! });
      return { ok: true as const };
    },
  );
  app.get('/api/me', { schema: { tags, response: { 200: Me } } }, async (request) => getMe(db, actorOf(request)));
};
