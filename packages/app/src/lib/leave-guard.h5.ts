import Taro from '@tarojs/taro';
import { history } from '@tarojs/router';

/**
 * H5: the browser's back button and the title bar's back arrow both move the router's history, so the
 * history is blocked while the form holds unsaved content, and the browser asks before the tab is
 * closed or reloaded (history adds a beforeunload prompt while anything blocks).
 * Opening another page on top passes: the form stays in the stack (and is guarded again when it shows).
 * Returns the function that stops asking. The mini-program's version is leave-guard.ts.
 */
export function guardLeaving(title: string, text: string): () => void {
  let asking = false;
  const unblock = history.block((tx) => {
    if (tx.action === 'PUSH') {
      unblock();
      tx.retry();
      return;
    }
    // A second back while the question is open.
    if (asking) return;
    asking = true;
    void Taro.showModal({ title, content: text, confirmText: '放弃', confirmColor: '#d64541', cancelText: '继续编辑' }).then(({ confirm }) => {
      asking = false;
      if (!confirm) return;
      unblock();
      tx.retry();
    });
  });
  return unblock;
}
