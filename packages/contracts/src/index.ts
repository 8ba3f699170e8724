export * from './common.ts';
export * from './auth.ts';
export * from './master-data.ts';
export * from './bills.ts';
export * from './inventory.ts';
export * from './strict.ts';
export * from './money.ts';
export * from './shares.ts';
