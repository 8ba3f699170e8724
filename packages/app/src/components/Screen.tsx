import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { ROUTES, TAB_ROUTES } from '../routes';
import { hasToken, refreshMe, useSession } from '../state/session';
import { Failed, Loading } from './StateView';
import { TabBar } from './TabBar';

interface Props {
  tab?: (typeof TAB_ROUTES)[number];
  className?: string;
  children: ReactNode;
}

/** A signed-in screen: sends a stranger to the login page and waits for /api/me before rendering. */
export function Screen({ tab, className, children }: Props) {
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    refreshMe().catch((caught: unknown) => {
      if (caught instanceof ApiError) setError(caught);
    });
  }, []);
  useDidShow(() => {
    if (!hasToken()) void Taro.reLaunch({ url: ROUTES.login });
  });
  useEffect(() => {
    if (hasToken() && !me) load();
  }, [me, load]);
  return (
    <View className={`screen${tab ? ' screen--tab' : ''}${className ? ` ${className}` : ''}`}>
      {me ? children : error ? <Failed error={error} onRetry={load} /> : <Loading />}
      {tab ? <TabBar current={tab} /> : null}
    </View>
  );
}
