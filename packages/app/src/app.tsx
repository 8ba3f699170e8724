import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { setUnauthenticatedHandler } from './api/client';
import { ROUTES } from './routes';
import { keepOpenForm } from './state/kept-form';
import { endSession, hasToken, signedInUserId } from './state/session';
import './app.css';

// A revoked or expired token sends the user back to the login page from wherever they are; an open
// form is kept and reopened after signing in again.
setUnauthenticatedHandler(() => {
  // Requests refused together: the first one has already ended the session.
  if (!hasToken()) return;
  const userId = signedInUserId();
  if (userId) keepOpenForm(userId);
  endSession();
  void Taro.reLaunch({ url: ROUTES.login });
});

export default function App({ children }: PropsWithChildren) {
  return children;
}
