import Taro from '@tarojs/taro';
import { lineAmount, sumAmounts, sumQuantities } from '../lib/decimal';
import type { StoreGoods } from './api';

/** One line of the cart as the customer saw the goods when adding it; the server checks it again at checkout. */
export interface CartLine {
  goodsId: string;
  title: string;
  price: string;
  image: string | null;
  quantity: number;
  /** What could be bought then, and the goods' cap per order ("0": none). */
  available: string;
  maxPerOrder: string;
}

const cartKey = (shopId: string) => `xiaocang.cart.${shopId}`;
const checkoutKey = (shopId: string) => `xiaocang.checkout.${shopId}`;
const addressKey = (shopId: string) => `xiaocang.address.${shopId}`;

function readLines(key: string): CartLine[] {
  const stored: unknown = Taro.getStorageSync(key);
  return Array.isArray(stored) ? (stored as CartLine[]).filter((line) => typeof line?.goodsId === 'string' && line.quantity > 0) : [];
}

/** The cart is kept on the phone, one per shop. */
export function readCart(shopId: string): CartLine[] {
  return readLines(cartKey(shopId));
}

export function writeCart(shopId: string, lines: CartLine[]): void {
  Taro.setStorageSync(cartKey(shopId), lines);
}

/** The most one line may hold: what is available, and the goods' cap per order when it has one. */
export function maxQuantity(line: { available: string; maxPerOrder: string }): number {
  const available = Math.floor(Number(line.available) || 0);
  const cap = Math.floor(Number(line.maxPerOrder) || 0);
  return cap > 0 ? Math.min(available, cap) : available;
}

export function lineFrom(goods: StoreGoods, quantity: number): CartLine {
  return {
    goodsId: goods.id,
    title: goods.title,
    price: goods.price,
    image: goods.images[0] ?? null,
    quantity,
    available: goods.availableQuantity,
    maxPerOrder: goods.maxPerOrder,
  };
}

/** Adds to the line of the same goods (within what may be bought) or appends one; returns the quantity now in the cart. */
export function addToCart(shopId: string, goods: StoreGoods, quantity: number): number {
  const lines = readCart(shopId);
  const existing = lines.find((line) => line.goodsId === goods.id);
  const fresh = lineFrom(goods, quantity);
  const wanted = Math.min((existing?.quantity ?? 0) + quantity, maxQuantity(fresh));
  const next = existing ? lines.map((line) => (line.goodsId === goods.id ? { ...fresh, quantity: wanted } : line)) : [...lines, { ...fresh, quantity: wanted }];
  writeCart(shopId, next);
  return wanted;
}

export function cartCount(lines: CartLine[]): number {
  return lines.reduce((total, line) => total + line.quantity, 0);
}

export function cartTotal(lines: ReadonlyArray<{ price: string; quantity: number }>): string {
  return sumAmounts(lines.map((line) => lineAmount(String(line.quantity), line.price)));
}

export const countOf = (lines: ReadonlyArray<{ quantity: number }>) => sumQuantities(lines.map((line) => String(line.quantity)));

/** What the checkout screen sells: the cart's lines, or the one goods of 立即购买. */
export interface CheckoutDraft {
  fromCart: boolean;
  lines: CartLine[];
}

export function writeCheckout(shopId: string, draft: CheckoutDraft): void {
  Taro.setStorageSync(checkoutKey(shopId), draft);
}

export function readCheckout(shopId: string): CheckoutDraft | null {
  const stored = Taro.getStorageSync(checkoutKey(shopId)) as CheckoutDraft | '';
  if (!stored || !Array.isArray(stored.lines)) return null;
  return { fromCart: stored.fromCart === true, lines: readLinesFrom(stored.lines) };
}

function readLinesFrom(lines: CartLine[]): CartLine[] {
  return lines.filter((line) => typeof line?.goodsId === 'string' && line.quantity > 0);
}

/** The order was placed: the lines it took leave the cart, and the draft is gone. */
export function checkoutDone(shopId: string, draft: CheckoutDraft): void {
  if (draft.fromCart) {
    const taken = new Set(draft.lines.map((line) => line.goodsId));
    writeCart(shopId, readCart(shopId).filter((line) => !taken.has(line.goodsId)));
  }
  Taro.removeStorageSync(checkoutKey(shopId));
}

/** The address picked on the address list for the checkout screen to use. */
export function pickAddress(shopId: string, id: string): void {
  Taro.setStorageSync(addressKey(shopId), id);
}

export function pickedAddress(shopId: string): string | null {
  const id: unknown = Taro.getStorageSync(addressKey(shopId));
  return typeof id === 'string' && id !== '' ? id : null;
}
