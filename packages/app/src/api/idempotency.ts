/** A fresh key, unlikely to repeat on this or any other phone. */
export function randomKey(): string {
  const part = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${Date.now().toString(36)}-${part()}${part()}${part()}`;
}

export interface ActionKey {
  /** The key for this body: the same while the same action is retried, new once the body changes. */
  keyFor(body: unknown): string;
  /** The action succeeded: the next one gets a fresh key. */
  done(): void;
}

/**
 * One key per user action. A retry after a timeout must reuse the key so the server answers with the
 * first result instead of posting twice; an edited form is a new action, or the server would refuse it.
 */
export function createActionKey(makeKey: () => string = randomKey): ActionKey {
  let current: { key: string; body: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body ?? null);
      if (!current || current.body !== text) current = { key: makeKey(), body: text };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}
