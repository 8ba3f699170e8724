/** An in-memory Taro for unit tests: storage is a Map, navigation and toasts are recorded. */
import { vi } from 'vitest';

const storage = new Map<string, unknown>();

// What NutUI asks of Taro, named and on the default export.
export const getEnv = () => 'WEB';
export const nextTick = (fn: () => void) => setTimeout(fn, 0);


const Taro = {
  getEnv,
  nextTick,
  request: vi.fn(),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorage: () => storage.clear(),
  showToast: vi.fn(async () => undefined),
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


export const useDidShow = vi.fn();
export const useReachBottom = vi.fn();
export const usePullDownRefresh = vi.fn();
export const useRouter = vi.fn(() => ({ params: {} as Record<string, string> }));

export default Taro;
