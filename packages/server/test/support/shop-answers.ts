import { expect } from 'vitest';
import type { ApiResponse, Client, TestApp } from './harness.ts';
import { getRoutes, urlsForRoute, type RichShop } from './rich-shop.ts';

export async function signIn(t: TestApp, username: string, shopId: string): Promise<Client> {
  const login = await t.request('POST', '/api/auth/login', { username, password: 'password123' });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return t.clientFor(login.body.token, shopId, login.body.user.id, username);
}

/** An answer with what differs by nature between a shop and its restored copy set aside: its id, its usernames, an export's or a backup's time. */
export function comparable(url: string, response: ApiResponse, shop: { id: string; usernames: string[] }): unknown {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) return 'an Excel file';
  if (type.startsWith('application/gzip')) return 'a shop backup';
  let text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body);
  text = text.replace(/导出时间：[^\n"]*/g, '').replace(/"lastLoginAt":"[^"]*"/g, '');
  if (url === '/api/shop') text = text.replace(`{"id":"${shop.id}"`, '{"id":"(shop)"');
  text = text.replaceAll(`"shopId":"${shop.id}"`, '"shopId":"(shop)"').replace(/"shop":\{"id":"\d+"/g, '"shop":{"id":"(shop)"');
  for (const username of shop.usernames) text = text.replaceAll(`"${username}"`, '"(username)"');
  return { status: response.status, text };
}

/**
 * Every GET answer of the rich shop, as the owner and as the staff member sees it, made comparable with
 * another shop's (`comparable`): one entry per person and URL.
 */
export async function everyAnswer(t: TestApp, shop: RichShop, as: { owner: Client; staff: Client } = shop, shopId = shop.owner.shopId): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  for (const who of ['owner', 'staff'] as const) {
    for (const route of getRoutes(t)) {
      for (const url of urlsForRoute(shop, route)) answers.set(`${who} ${url}`, comparable(url, await as[who].get(url), { id: shopId, usernames: [as.owner.username, as.staff.username] }));
    }
  }
  return answers;
}
