import Taro from '@tarojs/taro';
import { history } from '@tarojs/router';
import type { Transition } from 'history';

/**
 * H5: the browser's back button and the title bar's back arrow both move the router's history, so the
 * history is blocked while the form holds unsaved content; the browser asks before the tab is closed
 * or reloaded (history adds a beforeunload prompt while anything blocks).
 * Only leaving this page is asked about: opening another page on top of it (the form stays in the
 * stack) and moving between pages above it pass. Returns the function that stops asking.
 */
export function guardLeaving(title: string, text: string): () => void {
  const page = Taro.getCurrentInstance().page;
  let released = false;
  let asking = false;
  let unblock: () => void = () => undefined;

  const block = () => {
    if (!released) unblock = history.block(blocker);
  };
  // Lets one transition through; blocking resumes once it has happened (a blocked back is retried
  // asynchronously, so blocking again at once would catch the retry itself).
  const pass = (tx: Transition) => {
    unblock();
    const stop = history.listen(() => {
      stop();
      block();
    });
    tx.retry();
  };
  function blocker(tx: Transition) {
    if (tx.action === 'PUSH' || Taro.getCurrentInstance().page !== page) return pass(tx);
    if (asking) return;
    asking = true;
    void Taro.showModal({ title, content: text, confirmText: '放弃', confirmColor: '#d64541', cancelText: '继续编辑' }).then(({ confirm }) => {
      asking = false;
      if (!confirm) return;
      released = true;
      unblock();
      tx.retry();
    });
  }

  block();
  return () => {
    released = true;
    unblock();
  };
}
