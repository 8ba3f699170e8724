import { View } from '@tarojs/components';
import { go } from '../routes';
import { useSession } from '../state/session';

/** Opens one record's audit trail: who changed what and when (the owner's alone). */
export function HistoryLink({ entity, id, name }: { entity: string; id: string; name: string }) {
  const { abilities } = useSession();
  if (!abilities.isOwner) return null;
  return (
    <View className="card card--tap go-history" onClick={() => go('audit', { entity, entityId: id, name })}>
      <View className="row">
        <View>修改记录</View>
        <View className="muted">谁在何时改了什么 ›</View>
      </View>
    </View>
  );
}
