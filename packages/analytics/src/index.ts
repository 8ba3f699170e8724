export * from './series.ts';
export * from './classify.ts';
export * from './metrics.ts';
export type { MethodName } from './methods/model.ts';
export * from './select.ts';
export * from './forecast.ts';
export * from './replenish.ts';
export * from './synthetic.ts';
export * from './backtest.ts';
