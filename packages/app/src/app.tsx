import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { setUnauthenticatedHandler } from './api/client';
import { ROUTES } from './routes';
import { endSession } from './state/session';
import './app.css';

// A revoked or expired token sends the user back to the login page from wherever they are.
setUnauthenticatedHandler(() => {
  endSession();
  void Taro.reLaunch({ url: ROUTES.login });
});

export default function App({ children }: PropsWithChildren) {
  return children;
}
