/* The warning kinds and their names alone (`@xiaocang/domain/warning-kinds`): no decimal.js, for the app. */

/**
 * The four stock warnings (seed 002): stock at or below a threshold; stock that will last fewer days than
 * wanted at the recent outbound rate; outbound far above its usual pace; stock that has not moved out for long.
 */
export const WARNING_KINDS = ['lowStock', 'lowCover', 'spike', 'stale'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WARNING_KIND_LABEL: Record<WarningKind, string> = {
  lowStock: '库存不足',
  lowCover: '即将售罄',
  spike: '出库激增',
  stale: '滞销积压',
};
