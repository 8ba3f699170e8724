import { z } from 'zod';
import { Id, IsoDate, listOf, Page, PageSize, Text, Timestamp } from './common.ts';

export const AuditListQuery = z
  .object({
    page: Page,
    pageSize: PageSize,
    /** The person who acted. */
    userId: Id.optional(),
    /** The kind of record (product, bill, staff, …), and one record of it. */
    entity: Text(40).optional(),
    entityId: Text(40).optional(),
    /** Shop days, both included. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'must not be before from' });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** A field changed, with its name in words (`label`). */
export const ShownFieldChange = z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export type ShownFieldChange = z.infer<typeof ShownFieldChange>;

/** One thing a person did: who, when, what to which record, and the fields it changed (before → after). */
export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  userId: Id.nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  /** The record's name or number as it is now (null when it has none or is gone). */
  recordName: z.string().nullable(),
  changes: z.array(ShownFieldChange),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first. */
export const AuditList = listOf(AuditEntry);
export type AuditList = z.infer<typeof AuditList>;
