import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import { useAction } from '../../src/hooks/useAction';

describe('useAction', () => {
  it('ignores a second tap while the first request is in flight', async () => {
    const { result } = renderHook(() => useAction());
    let finish: (value: string) => void = () => undefined;
    const task = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    let first: Promise<string | undefined> = Promise.resolve(undefined);
    let second: Promise<string | undefined> = Promise.resolve(undefined);
    act(() => {
      first = result.current.run(task);
      second = result.current.run(task);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish('posted');
      await first;
    });
    expect(await first).toBe('posted');
    expect(await second).toBeUndefined();
    expect(task).toHaveBeenCalledOnce();
    expect(result.current.busy).toBe(false);
  });

  it('retries a failed action with the same idempotency key and keeps the field errors', async () => {
    const { result } = renderHook(() => useAction());
    const keys: string[] = [];
    const failing = (keyFor: (body: unknown) => string) => {
      keys.push(keyFor({ quantity: '2' }));
      return Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'lines.0.quantity', message: 'must not be zero' }]));
    };
    await act(() => result.current.run(failing));
    expect(result.current.fieldErrors).toEqual({ 'lines.0.quantity': '不能为 0' });
    expect(result.current.error?.code).toBe('VALIDATION_FAILED');
    await act(() => result.current.run(failing));
    expect(keys[0]).toBe(keys[1]);

    await act(() => result.current.run(async (keyFor) => keys.push(keyFor({ quantity: '2' }))));
    expect(keys[2]).toBe(keys[0]);
    expect(result.current.fieldErrors).toEqual({});
    await act(() => result.current.run(async (keyFor) => keys.push(keyFor({ quantity: '2' }))));
    expect(keys[3]).not.toBe(keys[0]);
  });
});
