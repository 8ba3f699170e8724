import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditFieldLabel, fieldChanges } from './audit.ts';

describe('fieldChanges', () => {
  it('lists the fields whose shown value differs, in the record’s order, as text', () => {
    expect(
      fieldChanges(
        { id: '1', name: '可乐', price: '3.00', active: true, tags: ['a'], updatedAt: '2026-01-01' },
        { id: '1', name: '可乐', price: '3.50', active: false, tags: ['a', 'b'], updatedAt: '2026-01-02' },
      ),
    ).toEqual([
      { field: 'price', before: '3.00', after: '3.50' },
      { field: 'active', before: 'true', after: 'false' },
      { field: 'tags', before: '["a"]', after: '["a","b"]' },
    ]);
  });

  it('treats a created record as changed from nothing and a field removed as changed to nothing', () => {
    expect(fieldChanges(null, { name: '绿茶', stock: 0 })).toEqual([
      { field: 'name', before: null, after: '绿茶' },
      { field: 'stock', before: null, after: '0' },
    ]);
    expect(fieldChanges({ note: 'x' }, {})).toEqual([{ field: 'note', before: 'x', after: null }]);
    expect(fieldChanges(null, { note: '' })).toEqual([]);
    expect(fieldChanges({ note: 'x' }, { note: '' })).toEqual([{ field: 'note', before: 'x', after: '' }]);
    expect(fieldChanges({ note: null }, { note: undefined })).toEqual([]);
  });

  it('never carries a secret', () => {
    expect(fieldChanges(null, { password: 'p', newPassword: 'q', apiSecret: 's', token: 't', name: 'n' })).toEqual([{ field: 'name', before: null, after: 'n' }]);
  });

  it('names actions and records in words, and keeps an unknown name as it is', () => {
    expect(auditActionLabel('reverse')).toBe('冲红');
    expect(auditEntityLabel('stock-point')).toBe('仓库');
    expect(auditActionLabel('brandNew')).toBe('brandNew');
    expect(auditFieldLabel('outboundPrice')).toBe('零售价');
    expect(auditFieldLabel('colour')).toBe('colour');
  });
});
