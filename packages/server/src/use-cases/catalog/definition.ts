import type { Action } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/**
 * Master data (categories, products, suppliers, customers, stock points) shares one life cycle:
 * list with search and paging, get, create, update and soft delete, all scoped to the shop.
 * Each kind of record describes itself once here; the use cases in this folder serve them all.
 */
export interface CatalogDefinition<Dto> {
  /** Singular name for messages and the audit log, e.g. "Product". */
  label: string;
  entity: string;
  table: string;
  /** FROM clause with the table aliased as t and any joins the response needs. */
  from: string;
  /** Extra select expressions beyond t.* (joined names, computed stock). */
  extraColumns?: string;
  searchColumns: string[];
  /** How the record is switched off; also the list filter for ?status= or ?isEnabled=. */
  softDelete: { column: 'status'; value: 'inactive' } | { column: 'is_enabled'; value: false };
  /** The column of inventory_balances that names this kind of record: one that holds stock cannot be switched off. */
  stockColumn?: 'product_id' | 'stock_point_id';
  /** Request field → column, for create and update. */
  columns: Record<string, string>;
  /** Query parameter → column, for list filters. */
  filters?: Record<string, string>;
  /** Ids in the request that must name a record of the same shop. */
  references?: Array<{ field: string; table: string; label: string }>;
  orderBy?: string;
  /** The table has created_by, set to the caller on create. */
  recordsCreator?: boolean;
  toDto(row: Record<string, unknown>): Dto;
  /** The action a caller needs to write; reading is open to every member of the shop. */
  writeAction?: Action;
  /** Writes that do not fit a column, done in the same transaction (a customer's products). */
  afterWrite?(tx: Queryable, shopId: string, id: string, input: Record<string, unknown>): Promise<void>;
  /** Checks before a write, in the same transaction (one default stock point). */
  beforeWrite?(tx: Queryable, shopId: string, id: string | null, input: Record<string, unknown>): Promise<void>;
  beforeDelete?(tx: Queryable, shopId: string, id: string): Promise<void>;
}

export const iso = (value: unknown): string => (value as Date).toISOString();
export const text = (value: unknown): string => (value ?? '') as string;
export const nullableText = (value: unknown): string | null => (value ?? null) as string | null;
