import { View } from '@tarojs/components';
import { staff } from '../../../api/shop';
import type { StaffMember } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { usePagedList } from '../../../hooks/usePagedList';
import { shortTime } from '../../../lib/format';
import { go } from '../../../routes';
import { useOnReturn } from '../../../hooks/useOnReturn';

export default function StaffPage() {
  const list = usePagedList<StaffMember>((page, pageSize) => staff.list({ page, pageSize }), []);
  useOnReturn(() => void list.reload());
  return (
    <Screen className="page-staff">
      <View className="card">
        <PagedList list={list} empty={<Empty title="还没有员工" text="给帮你发货、记账的人开个账号" />}>
          {(user) => (
            <View key={user.id} className="list-item staff-row" onClick={() => go('staffEdit', { id: user.id })}>
              <View className="thumb" style={{ width: '40px', height: '40px', borderRadius: '20px', fontSize: '16px' }}>{user.realName.slice(0, 1)}</View>
              <View className="list-item__main">
                <View className="list-item__title">
                  {user.realName}
                  {user.status === 'inactive' ? <View className="badge badge--muted" style={{ display: 'inline-block' }}>已停用</View> : null}
                  {Object.keys(user.permissionOverrides).length > 0 ? (
                    <View className="badge badge--warning own-switches">单独权限 {Object.keys(user.permissionOverrides).length} 项</View>
                  ) : null}
                </View>
                <View className="list-item__meta">
                  {user.username} · {user.lastLoginAt ? `最近登录 ${shortTime(user.lastLoginAt)}` : '从未登录'}
                </View>
              </View>
              <View className="chevron">›</View>
            </View>
          )}
        </PagedList>
      </View>
      <View className="actions">
        <Button type="primary" className="add-staff" onClick={() => go('staffEdit')}>添加员工</Button>
      </View>
    </Screen>
  );
}
