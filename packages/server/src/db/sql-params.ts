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

/**
 * An array parameter (`$n`) as SQL whose value the planner cannot look into. A custom plan then costs a bill's
 * few ids as the generic plan does (which guesses ten), so a prepared statement settles on its generic plan
 * instead of being planned anew at every execution: about a millisecond of each posting on PGlite.
 */
export const unseenArray = (placeholder: string, type: string): string => `(SELECT ${placeholder}::${type}[])::${type}[]`;
