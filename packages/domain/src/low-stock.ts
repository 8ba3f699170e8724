import { quantityUnits } from './units.ts';

/**
 * The one low-stock rule (seed 002: warn when stock ≤ threshold). It compares a product's stock across
 * all its stock points with the product's warning stock, which is set per product; a warning stock of 0
 * means none is set, and such a product is never low.
 */
export function isLowStock(productQuantity: string, warningStock: string): boolean {
  const warning = quantityUnits(warningStock);
  return warning > 0n && quantityUnits(productQuantity) <= warning;
}
