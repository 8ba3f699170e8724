import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { Button } from './nut';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state state--loading">
      <View className="spinner" />
      <Text className="state__text">{text}</Text>
    </View>
  );
}

export function Empty({ title, text, action }: { title: string; text?: string; action?: ReactNode }) {
  return (
    <View className="state state--empty">
      <View className="state__icon">∅</View>
      <View className="state__title">{title}</View>
      {text ? <View className="state__text">{text}</View> : null}
      {action ? <View className="state__action">{action}</View> : null}
    </View>
  );
}

export function Failed({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <View className="state state--error">
      <View className="state__icon">!</View>
      <View className="state__title">没能加载</View>
      <View className="state__text">{error.message}</View>
      <View className="state__action">
        <Button size="small" fill="outline" type="primary" onClick={onRetry}>
          重试
        </Button>
      </View>
    </View>
  );
}

interface RemoteViewProps<T> {
  remote: { data: T | null; loading: boolean; error: ApiError | null; reload: () => Promise<void> };
  children: (data: T) => ReactNode;
}

/** Loading, then the error with a retry, then the content; content already shown stays during a reload. */
export function RemoteView<T>({ remote, children }: RemoteViewProps<T>) {
  if (remote.data !== null) return <>{children(remote.data)}</>;
  if (remote.error) return <Failed error={remote.error} onRetry={() => void remote.reload()} />;
  return <Loading />;
}
