import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';

/**
 * A task that is not an API write (a download, picking a file): one at a time, a second tap while it runs does
 * nothing, and what went wrong (a lost network, a refused download) is said in a toast.
 */
export function useTask() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await task();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
