import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { createActionKey } from '../api/idempotency';

export type KeyFor = (body: unknown) => string;

/**
 * Runs one user action at a time: a second tap while a request is in flight does nothing, and a retry
 * of the same action reuses its Idempotency-Key. Server field errors are kept for the form to show;
 * what the user typed is left untouched.
 */
export function useAction() {
  const inFlight = useRef(false);
  const keys = useRef(createActionKey());
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async <R,>(task: (keyFor: KeyFor) => Promise<R>): Promise<R | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    try {
      const result = await task((body) => keys.current.keyFor(body));
      keys.current.done();
      setFieldErrors({});
      setError(null);
      return result;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      setFieldErrors(caught.fieldErrors);
      setError(caught);
      void Taro.showToast({ title: caught.message, icon: 'none', duration: 2500 });
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  return { run, busy, fieldErrors, setFieldErrors, error };
}
