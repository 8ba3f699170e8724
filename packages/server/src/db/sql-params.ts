/**
 * A statement's parameters, each named by its placeholder as it is added, so that none is counted by
 * hand: `const shop = params.add(shopId)` gives `$1`, and `params.values` is what the statement takes.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
