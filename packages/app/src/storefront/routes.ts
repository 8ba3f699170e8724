import Taro from '@tarojs/taro';
import { queryString, type Query } from '../api/client';

/**
 * The storefront's screens. They live in the independent sub-package `sub/shop`, which WeChat opens from a
 * share card or QR code without the merchant's main package, so nothing here may import the merchant's
 * routes, session or screens: only `api/client`, the components and the domain's pure modules.
 */
export const SHOP_ROUTES = {
  home: '/sub/shop/home/index',
  goods: '/sub/shop/goods/index',
  cart: '/sub/shop/cart/index',
  checkout: '/sub/shop/checkout/index',
  addresses: '/sub/shop/addresses/index',
  orders: '/sub/shop/orders/index',
  order: '/sub/shop/order/index',
  login: '/sub/shop/login/index',
} as const;

export type ShopRoute = keyof typeof SHOP_ROUTES;

export function shopUrl(route: ShopRoute, shopId: string, query: Query = {}): string {
  return `${SHOP_ROUTES[route]}${queryString({ shopId, ...query })}`;
}

export function goShop(route: ShopRoute, shopId: string, query?: Query): void {
  void Taro.navigateTo({ url: shopUrl(route, shopId, query) });
}

/** Back one screen, or to the shop's home when this screen was opened straight from a link. */
export function backInShop(shopId: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: shopUrl('home', shopId) });
}

/** The screen shown now with its query, to come back to after signing in. */
export function currentUrl(): string {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return '';
  const path = router.path.split('?')[0]!;
  const clean: Query = {};
  for (const [key, value] of Object.entries(router.params ?? {})) {
    if (key !== '$taroTimestamp' && typeof value === 'string') clean[key] = decodeURIComponent(value);
  }
  return `${path.startsWith('/') ? path : `/${path}`}${queryString(clean)}`;
}
