import Taro from '@tarojs/taro';

/**
 * Mini-program: WeChat itself asks before the current page is left by the back gesture, the back
 * button or Android's back key (navigation the app starts itself is never asked about).
 * Returns the function that stops asking. The H5 version is leave-guard.h5.ts.
 */
export function guardLeaving(title: string, text: string): () => void {
  Taro.enableAlertBeforeUnload({ message: `${title}${text}` });
  return () => Taro.disableAlertBeforeUnload();
}
