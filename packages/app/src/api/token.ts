import Taro from '@tarojs/taro';

const TOKEN_KEY = 'xiaocang.token';
const DEVICE_TOKEN_KEY = 'xiaocang.device';

export function readToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  return typeof token === 'string' && token !== '' ? token : null;
}

/** The staff session as a header, for what is fetched outside `request` (files, uploads). */
export function sessionHeader(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function writeToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else Taro.removeStorageSync(TOKEN_KEY);
}

/**
 * Proof that this phone has logged in before: it outlives logging out, so the next login here is not
 * held up by strangers' failed guesses at the same username.
 */
export function readDeviceToken(): string | null {
  const token: unknown = Taro.getStorageSync(DEVICE_TOKEN_KEY);
  return typeof token === 'string' && token !== '' ? token : null;
}

export function writeDeviceToken(token: string | null): void {
  if (token) Taro.setStorageSync(DEVICE_TOKEN_KEY, token);
  else Taro.removeStorageSync(DEVICE_TOKEN_KEY);
}
