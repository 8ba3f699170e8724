/** An in-memory Taro for unit tests: storage is a Map, navigation and toasts are recorded. */
import { useEffect, useRef } from 'react';
import { vi } from 'vitest';

const storage = new Map<string, unknown>();

// What NutUI asks of Taro, named and on the default export.
export const getEnv = () => 'WEB';
export const nextTick = (fn: () => void) => setTimeout(fn, 0);


const Taro = {
  enableAlertBeforeUnload: vi.fn(),
  disableAlertBeforeUnload: vi.fn(),
  getEnv,
  nextTick,
  request: vi.fn(),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorage: () => storage.clear(),
  showToast: vi.fn(async () => undefined),
  pageScrollTo: vi.fn(async () => undefined),
  showModal: vi.fn(async () => ({ confirm: true, cancel: false })),
  showActionSheet: vi.fn(async () => ({ tapIndex: 0 })),
  navigateTo: vi.fn(async () => undefined),
  redirectTo: vi.fn(async () => undefined),
  reLaunch: vi.fn(async () => undefined),
  navigateBack: vi.fn(async () => undefined),
  setNavigationBarTitle: vi.fn(async () => undefined),
  stopPullDownRefresh: vi.fn(),
  getCurrentPages: () => [],
  scanCode: vi.fn(),
};


const shown = new Set<() => void>();
const hidden = new Set<() => void>();

/** A page lifecycle hook: runs the latest callback when the test says the page showed or hid. */
function lifecycle(callbacks: Set<() => void>) {
  return (callback: () => void) => {
    const latest = useRef(callback);
    latest.current = callback;
    useEffect(() => {
      const run = () => latest.current();
      callbacks.add(run);
      return () => void callbacks.delete(run);
    }, []);
  };
}

/** What Taro does when another page opens on top of this one, and when it comes back. */
export const page = {
  hide: () => hidden.forEach((run) => run()),
  show: () => shown.forEach((run) => run()),
};

export const useDidShow = vi.fn(lifecycle(shown));
export const useDidHide = vi.fn(lifecycle(hidden));
export const useReachBottom = vi.fn();
export const usePullDownRefresh = vi.fn();
export const useRouter = vi.fn(() => ({ params: {} as Record<string, string> }));

export default Taro;
