export * from './decimal.ts';
export * from './units.ts';
export * from './costing.ts';
export * from './permissions.ts';
export * from './bill-number.ts';
export * from './money.ts';
