import Taro from '@tarojs/taro';

/** Whether this platform has a camera scanner; on H5 the code is typed instead. */
export const CAN_SCAN = process.env.TARO_ENV === 'weapp';

/** Scans a barcode in the mini-program; null when cancelled or not available. */
export async function scanBarcode(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') return null;
  try {
    const result = await Taro.scanCode({ scanType: ['barCode', 'qrCode'] });
    return result.result || null;
  } catch {
    return null;
  }
}
