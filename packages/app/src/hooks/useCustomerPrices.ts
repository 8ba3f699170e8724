import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { ApiError } from '../api/client';
import { money } from '../api/money';
import type { LineDraft } from '../lib/bill-form';

/**
 * On a sale, fills line prices from the customer's price level (代理价, 批发价, …): every line when the
 * customer changes, a line when its product is added. A price typed by hand stays until the customer
 * changes. Nothing happens without a customer: lines keep the product's outbound price.
 */
export function useCustomerPrices(customerId: string, lines: LineDraft[], setLines: Dispatch<SetStateAction<LineDraft[]>>): void {
  // What the lines were last priced for; a bill opened for editing keeps its saved prices.
  const priced = useRef({ customerId, productIds: new Set(lines.map((line) => line.productId)) });
  const current = useRef(customerId);
  current.current = customerId;
  // Prices are looked up when the customer or the products change, not when a quantity is typed: the effect
  // depends on the product ids (productKey) and reads the lines of that render from here.
  const currentLines = useRef(lines);
  currentLines.current = lines;
  const productKey = lines.map((line) => line.productId).join(',');
  useEffect(() => {
    const customerChanged = priced.current.customerId !== customerId;
    const productIds = currentLines.current.map((line) => line.productId).filter((id) => customerChanged || !priced.current.productIds.has(id));
    priced.current = { customerId, productIds: new Set(currentLines.current.map((line) => line.productId)) };
    if (!customerId || productIds.length === 0) return;
    money
      .customerPrices(customerId, productIds)
      .then((prices) => {
        // A customer chosen since then has its own prices on the way.
        if (current.current !== customerId) return;
        const byProduct = new Map(prices.items.map((item) => [item.productId, item.price]));
        setLines((all) => all.map((line) => (productIds.includes(line.productId) && byProduct.has(line.productId) ? { ...line, unitPrice: byProduct.get(line.productId)! } : line)));
      })
      .catch((error: unknown) => {
        // Without them the lines keep the outbound price, which the owner can still change.
        if (!(error instanceof ApiError)) throw error;
      });
  }, [customerId, productKey, setLines]);
}
