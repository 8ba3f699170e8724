import { quantityUnits } from './units.ts';

/**
 * The one low-stock rule (seed 002: warn when stock ≤ threshold). It compares a product's stock across
 * all its stock points with the product's warning stock, which is set per product. A warning stock of 0
 * means none is set, and such a product is never low; neither is a disabled product.
 */
export function isLowStock(product: { quantity: string; warningStock: string; isEnabled: boolean }): boolean {
  const warning = quantityUnits(product.warningStock);
  return product.isEnabled && warning > 0n && quantityUnits(product.quantity) <= warning;
}
