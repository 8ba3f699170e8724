import { request } from './client';
import type { AuditList } from './types';

export interface AuditQuery {
  userId?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The owner's audit trail: who changed what, newest first. */
export const fetchAudit = (query: AuditQuery) => request<AuditList>('GET', '/audit', { query: { ...query } });
