import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { guardLeaving } from '../lib/leave-guard';
import { registerOpenForm, takeKeptForm } from '../state/kept-form';
import { useSession } from '../state/session';

const LEAVE_TITLE = '确定放弃编辑？';
const LEAVE_TEXT = '填写的内容还没有保存，离开后将丢失。';

interface FormGuardOptions<T> {
  /** This page with its query: where the user comes back to after signing in again. */
  url: string;
  /** What the form holds now, and what it held before the user typed anything (defaults included). */
  value: T;
  pristine: T;
  /** Puts back what the form held when the session expired. */
  restore: (kept: T) => void;
}

/**
 * Keeps a form's unsaved content from being lost: while it differs from `pristine`, leaving the page
 * by the back gesture, button or key asks first (mini-program and H5 alike); when the session expires
 * the content is kept and put back after the user signs in again. Call `release` right before the app
 * leaves the page itself after saving.
 */
export function useFormGuard<T>({ url, value, pristine, restore }: FormGuardOptions<T>) {
  const { me } = useSession();
  const [released, setReleased] = useState(false);
  const dirty = !released && JSON.stringify(value) !== JSON.stringify(pristine);
  const latest = useRef({ value, dirty, restore });
  latest.current = { value, dirty, restore };
  const stopGuard = useRef<(() => void) | null>(null);
  // A page opened on top of the form is not the form being left: guard only while the form is shown.
  const [shown, setShown] = useState(true);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  const armed = dirty && shown;

  // Synchronous, because the caller navigates right after it (before any re-render).
  const release = useCallback(() => {
    stopGuard.current?.();
    stopGuard.current = null;
    setReleased(true);
  }, []);

  useEffect(() => {
    if (!armed) return undefined;
    const stop = guardLeaving(LEAVE_TITLE, LEAVE_TEXT);
    stopGuard.current = stop;
    return () => {
      if (stopGuard.current !== stop) return;
      stopGuard.current = null;
      stop();
    };
  }, [armed]);

  useEffect(
    () => registerOpenForm({ url, value: () => latest.current.value, dirty: () => latest.current.dirty, release }),
    [url, release],
  );

  const userId = me?.user.id;
  useEffect(() => {
    if (!userId) return;
    const kept = takeKeptForm(url, userId);
    if (kept === undefined) return;
    latest.current.restore(kept as T);
    void Taro.showToast({ title: '已恢复未保存的内容', icon: 'none' });
  }, [url, userId]);

  return { dirty, release };
}
