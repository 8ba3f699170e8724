/**
 * A PostgreSQL array literal of plain numbers (ids, and decimals as the units helpers write them), to pass as one
 * text parameter cast to bigint[] or numeric[]. For arrays of 100,000 values this is one string join
 * instead of the driver escaping each value.
 */
export const numberArray = (values: readonly string[]): string => `{${values.join(',')}}`;
