import { useSyncExternalStore } from 'react';
import { fetchMe } from '../api/auth';
import type { Me, Session } from '../api/types';
import { readToken, writeDeviceToken, writeToken } from '../api/token';
import type { Actor } from '@xiaocang/domain/rules';
import { abilitiesOf, actorOf, type Abilities } from './permissions';

interface SessionState {
  me: Me | null;
  abilities: Abilities;
  /** The signed-in person as the domain's rules (the bill state machine) take them. */
  actor: Actor | null;
}

let state: SessionState = { me: null, abilities: abilitiesOf(null), actor: null };
const listeners = new Set<() => void>();

function setMe(me: Me | null): void {
  state = { me, abilities: abilitiesOf(me), actor: me ? actorOf(me) : null };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}

/** Who is signed in, as far as the app knows; null before /api/me has answered. */
export function signedInUserId(): string | null {
  return state.me?.user.id ?? null;
}

export function hasToken(): boolean {
  return readToken() !== null;
}

/** Keeps the tokens, then asks the server what this person may do. */
export async function startSession(session: Session): Promise<Me> {
  writeToken(session.token);
  writeDeviceToken(session.deviceToken);
  return refreshMe();
}

export async function refreshMe(): Promise<Me> {
  const me = await fetchMe();
  setMe(me);
  return me;
}

/** forgetDevice: after signing out everywhere, the server no longer knows this device either. */
export function endSession({ forgetDevice = false } = {}): void {
  writeToken(null);
  if (forgetDevice) writeDeviceToken(null);
  setMe(null);
}
