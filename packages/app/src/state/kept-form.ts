import Taro from '@tarojs/taro';

/**
 * A form that is open on screen. When the session expires the app must go to the login page, which
 * unloads every page: what the form holds is written to storage first, and the user comes back to it
 * after signing in again.
 */
export interface OpenForm {
  /** The page with its query, e.g. /sub/bill/edit/index?direction=in. */
  url: string;
  value: () => unknown;
  dirty: () => boolean;
  /** Stops asking before leaving: the app is about to leave on its own. */
  release: () => void;
}

interface KeptForm {
  userId: string;
  url: string;
  /** Absent when nothing was typed yet: only the way back is kept. */
  value?: unknown;
}

const KEPT_KEY = 'xiaocang.kept-form';
const openForms = new Set<OpenForm>();

export function registerOpenForm(form: OpenForm): () => void {
  openForms.add(form);
  return () => void openForms.delete(form);
}

function readKept(): KeptForm | null {
  const kept: unknown = Taro.getStorageSync(KEPT_KEY);
  if (typeof kept !== 'object' || kept === null) return null;
  const { userId, url } = kept as Partial<KeptForm>;
  return typeof userId === 'string' && typeof url === 'string' ? (kept as KeptForm) : null;
}

/** Writes the open form (the last one opened) to storage for `userId` and releases every open form. */
export function keepOpenForm(userId: string): void {
  const forms = [...openForms];
  const form = forms[forms.length - 1];
  if (form) {
    const kept: KeptForm = { userId, url: form.url, ...(form.dirty() ? { value: form.value() } : {}) };
    Taro.setStorageSync(KEPT_KEY, kept);
  }
  forms.forEach((open) => open.release());
}

/** Where to go after `userId` signs in: the kept form's page, or null. Another user's form is dropped. */
export function keptFormUrl(userId: string): string | null {
  const kept = readKept();
  if (kept && kept.userId === userId) return kept.url;
  if (kept) Taro.removeStorageSync(KEPT_KEY);
  return null;
}

/** The content kept for this page and user, handed out once. */
export function takeKeptForm(url: string, userId: string): unknown {
  const kept = readKept();
  if (!kept || kept.url !== url || kept.userId !== userId) return undefined;
  Taro.removeStorageSync(KEPT_KEY);
  return kept.value;
}
