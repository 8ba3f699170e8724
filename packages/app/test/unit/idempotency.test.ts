import { describe, expect, it } from 'vitest';
import { createActionKey } from '../../src/api/idempotency';

describe('idempotency keys per user action', () => {
  const counter = () => {
    let n = 0;
    return () => `k${++n}`;
  };

  it('reuses the key when the same action is retried', () => {
    const keys = createActionKey(counter());
    const body = { lines: [{ productId: '1', quantity: '2' }] };
    expect(keys.keyFor(body)).toBe('k1');
    expect(keys.keyFor({ lines: [{ productId: '1', quantity: '2' }] })).toBe('k1');
  });

  it('gives a new key once the body changes, so an edited form is not refused', () => {
    const keys = createActionKey(counter());
    keys.keyFor({ quantity: '2' });
    expect(keys.keyFor({ quantity: '3' })).toBe('k2');
  });

  it('gives a new key after the action succeeded, even for the same body', () => {
    const keys = createActionKey(counter());
    keys.keyFor({ quantity: '2' });
    keys.done();
    expect(keys.keyFor({ quantity: '2' })).toBe('k2');
  });

  it('makes distinct random keys by default', () => {
    const a = createActionKey();
    const b = createActionKey();
    expect(a.keyFor(1)).not.toBe(b.keyFor(1));
    expect(a.keyFor(1).length).toBeGreaterThan(20);
  });
});
