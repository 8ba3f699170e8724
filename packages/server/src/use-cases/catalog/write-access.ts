import { can, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { CatalogDefinition } from './definition.ts';

export function requireWriteAccess<Dto>(actor: Actor, definition: CatalogDefinition<Dto>): void {
  if (definition.writeAction && !can(actor, definition.writeAction)) {
    throw forbidden(`You are not allowed to change ${definition.entity} records`);
  }
}

/** Locks the record for a write, or finds it not found. */
export async function lockRecord<Dto>(tx: Queryable, definition: CatalogDefinition<Dto>, shopId: string, id: string): Promise<void> {
  const existing = await tx.query(`SELECT 1 FROM ${definition.table} WHERE shop_id = $1 AND id = $2 FOR UPDATE`, [shopId, id]);
  if (existing.length === 0) throw notFound(definition.label);
}

/** A referenced id must name a record of the caller's shop; any other id is simply not found. */
export async function checkReferences<Dto>(
  tx: Queryable,
  definition: CatalogDefinition<Dto>,
  shopId: string,
  input: Record<string, unknown>,
): Promise<void> {
  for (const reference of definition.references ?? []) {
    const value = input[reference.field];
    if (value === undefined || value === null) continue;
    const rows = await tx.query(`SELECT 1 FROM ${reference.table} WHERE shop_id = $1 AND id = $2`, [shopId, value]);
    if (rows.length === 0) throw notFound(reference.label, reference.field);
  }
}

export function assignments(definition: CatalogDefinition<unknown>, input: Record<string, unknown>) {
  return Object.entries(definition.columns).filter(([field]) => input[field] !== undefined).map(([field, column]) => ({ column, value: input[field] }));
}
