/**
 * Where the API lives. The H5 app is served by the API server itself, so it calls its own origin.
 * The mini-program needs an absolute https URL whitelisted in the WeChat admin console: set
 * TARO_APP_API_BASE_URL (in packages/app/.env.production or in the environment) before building.
 */
export const API_BASE_URL: string =
  process.env.TARO_APP_API_BASE_URL || (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000');

/** An address the phone can reach: the H5 app's own origin, or the API's in the mini-program. */
export function absoluteUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return process.env.TARO_ENV === 'h5' ? `${window.location.origin}${path}` : `${API_BASE_URL}${path}`;
}
