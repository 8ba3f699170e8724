import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Runs `work` each time the page shows again after its first showing: on coming back from a page it opened
 * (an edit, a detail), whose changes the page should then reflect. The first showing is the page's own load.
 */
export function useOnReturn(work: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) work();
    shown.current = true;
  });
}
