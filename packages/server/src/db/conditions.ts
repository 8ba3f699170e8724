/**
 * A WHERE clause built from optional filters: each added condition gets the next parameter number,
 * so list queries never splice values into SQL.
 */
export function conditions(params: unknown[], initial: string[]) {
  const clauses = [...initial];
  return {
    params,
    add(condition: (n: number) => string, value: unknown) {
      params.push(value);
      clauses.push(condition(params.length));
    },
    sql: () => clauses.join(' AND '),
  };
}
