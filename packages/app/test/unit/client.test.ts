import Taro from '@tarojs/taro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { login } from '../../src/api/auth';
import { bills } from '../../src/api/bills';
import { ApiError, queryString, request, setUnauthenticatedHandler } from '../../src/api/client';
import { readDeviceToken, readToken, writeToken } from '../../src/api/token';
import { endSession, startSession } from '../../src/state/session';

const requestMock = vi.mocked(Taro.request);
const reply = (statusCode: number, data: unknown) => requestMock.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: '' } as never);
const lastCall = () => requestMock.mock.calls.at(-1)![0] as unknown as { url: string; method: string; header: Record<string, string>; data: unknown };

beforeEach(() => {
  requestMock.mockReset();
  writeToken(null);
});

describe('the request layer', () => {
  it('sends the token and parses the body', async () => {
    writeToken('t0k');
    reply(200, { ok: true });
    await expect(request('GET', '/me', { query: { q: '红茶', page: 2, status: undefined } })).resolves.toEqual({ ok: true });
    expect(lastCall().url).toBe('/api/me?q=%E7%BA%A2%E8%8C%B6&page=2');
    expect(lastCall().header.Authorization).toBe('Bearer t0k');
    expect(lastCall().data).toBeUndefined();
  });

  it('puts the idempotency key on bill writes and always sends a JSON body', async () => {
    reply(200, { id: '1' });
    await bills.act('7', 'confirm', 'key-1');
    expect(lastCall().url).toBe('/api/bills/7/confirm');
    expect(lastCall().method).toBe('POST');
    expect(lastCall().header['Idempotency-Key']).toBe('key-1');
    expect(lastCall().data).toEqual({});
  });

  it('keeps the device token across a logout and sends it with the next login, until signing out everywhere', async () => {
    reply(200, { user: { id: '1' }, shop: { id: '1' }, permissions: {} });
    await startSession({ token: '1.session', deviceToken: '1.device' } as never);
    endSession();
    expect(readToken()).toBeNull();
    expect(readDeviceToken()).toBe('1.device');
    reply(200, {});
    await login({ username: 'boss', password: 'tea-secret-1' });
    expect(lastCall().data).toEqual({ username: 'boss', password: 'tea-secret-1', deviceToken: '1.device' });
    endSession({ forgetDevice: true });
    reply(200, {});
    await login({ username: 'boss', password: 'tea-secret-1' });
    expect(lastCall().data).toEqual({ username: 'boss', password: 'tea-secret-1' });
  });

  it('turns validation errors into Chinese messages per field', async () => {
    reply(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [
          { field: 'lines.0.quantity', message: 'must not be zero' },
          { field: 'name', message: 'is required' },
          { field: 'name', message: 'second message is ignored' },
        ],
      },
    });
    const error = (await request('POST', '/products', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('填写的内容有误，请检查标红的项');
    expect(error.fieldErrors).toEqual({ 'lines.0.quantity': '不能为 0', name: '必填' });
  });

  it('exposes stock shortages', async () => {
    const details = [{ productId: '1', stockPointId: '2', requested: '5.000', available: '3.000' }];
    reply(409, { error: { code: 'INSUFFICIENT_STOCK', message: 'Not enough stock', details } });
    const error = (await request('POST', '/bills').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('库存不足');
    expect(error.shortages).toEqual(details);
    expect(error.fieldErrors).toEqual({});
  });

  it('reports a network failure as such', async () => {
    requestMock.mockRejectedValueOnce(new Error('request:fail'));
    const error = (await request('GET', '/me').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK');
    expect(error.status).toBe(0);
  });

  it('signs out when the server refuses the token, but not on a failed login', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Wrong password' } });
    await request('POST', '/auth/login', { body: {} }).catch(() => undefined);
    expect(handler).not.toHaveBeenCalled();
    writeToken('expired');
    reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Session expired' } });
    await request('GET', '/me').catch(() => undefined);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('shows why a sign-in failed in the server’s words, even with an old token still stored', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    writeToken('stale');
    reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password, or the account is disabled' } });
    const wrong = (await login({ username: 'a', password: 'b' }).catch((e: unknown) => e)) as ApiError;
    expect(wrong.message).toBe('账号或密码错误，或账号已停用');
    reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Account locked for 15 minutes' } });
    const locked = (await login({ username: 'a', password: 'b' }).catch((e: unknown) => e)) as ApiError;
    expect(locked.message).toBe('Account locked for 15 minutes');
    expect(handler).not.toHaveBeenCalled();
    // Any other request refused with that token is an expired session.
    reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Please log in' } });
    const expired = (await request('GET', '/me').catch((e: unknown) => e)) as ApiError;
    expect(expired.message).toBe('登录已失效，请重新登录');
    expect(handler).toHaveBeenCalledOnce();
  });

  it('keeps a 500 free of server internals', async () => {
    reply(500, '<html>boom</html>');
    const error = (await request('GET', '/me').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('服务器开小差了，请稍后重试');
  });

  it('leaves empty query values out', () => {
    expect(queryString({ a: '', b: null, c: 0, d: false })).toBe('?c=0&d=false');
    expect(queryString({})).toBe('');
  });
});
