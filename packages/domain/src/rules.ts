/**
 * The pure rules without decimal.js (`@xiaocang/domain/rules`): what the app needs to decide what to
 * show, kept light for the mini-program's package size.
 */
export * from './permissions.ts';
export * from './bill-status.ts';
