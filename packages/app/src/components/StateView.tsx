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

export function Failed({ error, onRetry, title = '没能加载' }: { error: ApiError; onRetry: () => void; title?: string }) {
  return (
    <View className="state state--error">
      <View className="state__icon">!</View>
      <View className="state__title">{title}</View>
      <View className="state__text">{error.message}</View>
      <View className="state__action">
        <Button className="state-retry" size="small" fill="outline" type="primary" onClick={onRetry}>
          重试
        </Button>
      </View>
    </View>
  );
}

type Reloadable = { error: ApiError | null; reload: () => Promise<void> };

/**
 * What a form needs besides its record (its pickers' choices) failed to load: says so at the top of the
 * form, with one retry of every failed load. Nothing while all is well.
 */
export function LoadFailed({ remotes }: { remotes: ReadonlyArray<Reloadable> }) {
  const failed = remotes.filter((remote) => remote.error);
  const first = failed[0]?.error;
  if (!first) return null;
  return (
    <View className="card load-failed">
      <Failed title="选项没能加载" error={first} onRetry={() => failed.forEach((remote) => void remote.reload())} />
    </View>
  );
}

interface RemoteViewProps<T> {
  remote: Reloadable & { data: T | null; loading: boolean };
  children: (data: T) => ReactNode;
}

/** Loading, then the error with a retry, then the content; content already shown stays during a reload. */
export function RemoteView<T>({ remote, children }: RemoteViewProps<T>) {
  if (remote.data !== null) return <>{children(remote.data)}</>;
  if (remote.error) return <Failed error={remote.error} onRetry={() => void remote.reload()} />;
  return <Loading />;
}
