export * from './decimal.ts';
export * from './units.ts';
export * from './costing.ts';
export * from './rules.ts';
export * from './bill-number.ts';
export * from './limits.ts';
export * from './password-rules.ts';
