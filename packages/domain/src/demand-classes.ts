/* The demand classes' names and what they mean (`@xiaocang/domain/demand-classes`): no decimal.js, for the app. */

/** SBC's four classes (analytics `classifyDemand`), and the two verdicts for a product with nothing or too little to classify. */
export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy', 'no-demand', 'short-history'] as const;
export type DemandClassName = (typeof DEMAND_CLASSES)[number];

export const DEMAND_CLASS_LABEL: Record<DemandClassName, string> = {
  smooth: '平稳',
  erratic: '波动',
  intermittent: '间歇',
  lumpy: '块状',
  'no-demand': '无销售',
  'short-history': '数据不足',
};

/** One line each, for a shop owner: how often it sells (ADI) and how much the amounts vary (CV²). */
export const DEMAND_CLASS_HINT: Record<DemandClassName, string> = {
  smooth: '几乎天天卖，每次量差不多',
  erratic: '几乎天天卖，但每次量忽多忽少',
  intermittent: '隔几天才卖一次，每次量差不多',
  lumpy: '隔几天才卖一次，量也忽多忽少',
  'no-demand': '这段时间没有卖出',
  'short-history': '销售天数太少，还看不出规律',
};
