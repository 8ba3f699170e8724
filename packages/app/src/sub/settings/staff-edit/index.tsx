import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { fetchShop, staff } from '../../../api/shop';
import type { StaffMember, StaffPermissions } from '../../../api/types';
import { SwitchField, TextField } from '../../../components/Fields';
import { MemberSwitches, memberChoices } from '../../../components/MemberSwitches';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Sheet } from '../../../components/Sheet';
import { Failed, Loading } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useRemote } from '../../../hooks/useRemote';
import { maxLength, newPassword, required, username } from '../../../lib/validate';
import { back } from '../../../routes';

const NEW_RULES = { realName: [required, maxLength(40)], username: [required, username], password: [required, newPassword] };
const EDIT_RULES = { realName: [required, maxLength(40)] };

function StaffForm({ user, shopSwitches }: { user: StaffMember | null; shopSwitches: StaffPermissions }) {
  const [choices, setChoices] = useState(() => memberChoices(user?.permissionOverrides));
  const form = useForm({ realName: user?.realName ?? '', username: user?.username ?? '', password: '', status: user?.status ?? 'active' }, user ? EDIT_RULES : NEW_RULES);
  const action = useAction();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const errors = { ...action.fieldErrors, ...form.errors };
  const { values, set } = form;

  const save = () => {
    if (!form.check()) return;
    void action.run(async () => {
      if (user) await staff.update(user.id, { realName: values.realName.trim(), status: values.status === 'inactive' ? 'inactive' : 'active', permissionOverrides: choices });
      else await staff.create({ realName: values.realName.trim(), username: values.username.trim(), password: values.password, permissionOverrides: choices });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(back, 600);
    });
  };
  const resetPassword = () => {
    const problem = newPassword(password);
    setPasswordError(problem);
    if (problem) return;
    void action.run(async () => {
      if (!user) return;
      await staff.resetPassword(user.id, password);
      setResetting(false);
      setPassword('');
      void Taro.showToast({ title: '密码已重置', icon: 'success' });
    });
  };

  return (
    <>
      <View className="card">
        <TextField name="realName" label="姓名" required value={values.realName} onChange={set('realName')} error={errors.realName} placeholder="员工姓名" />
        {user ? (
          <View className="field">
            <View className="field__row">
              <View className="field__label">登录账号</View>
              <View className="field__value">{user.username}</View>
            </View>
          </View>
        ) : (
          <>
            <TextField name="username" label="登录账号" required value={values.username} onChange={set('username')} error={errors.username} placeholder="字母或数字，3 位以上" />
            <TextField name="password" label="初始密码" required kind="password" value={values.password} onChange={set('password')} error={errors.password} placeholder="至少 8 位" />
          </>
        )}
        {user ? <SwitchField name="status" label="启用账号" hint="停用后该员工立即无法登录" value={values.status !== 'inactive'} onChange={(v) => set('status')(v ? 'active' : 'inactive')} /> : null}
      </View>
      <View className="section-title">权限（默认跟随全店设置，也可以只给这个员工单独设置）</View>
      <View className="card member-switches" style={{ paddingTop: 0, paddingBottom: 0 }}>
        <MemberSwitches shop={shopSwitches} choices={choices} onChange={setChoices} />
      </View>
      {user ? (
        <View className="card card--tap reset-password" onClick={() => setResetting(true)}>
          <View className="row">
            <View>重置密码</View>
            <View className="chevron">›</View>
          </View>
        </View>
      ) : null}
      <View className="actions">
        <Button type="primary" className="save-staff" loading={action.busy} onClick={save}>保存</Button>
      </View>
      <Sheet title="重置密码" open={resetting} onClose={() => setResetting(false)}>
        <TextField name="newPassword" label="新密码" kind="password" value={password} onChange={setPassword} placeholder="至少 8 位" error={passwordError ?? action.fieldErrors.password} />
        <View className="gap" />
        <Button type="primary" block loading={action.busy} onClick={resetPassword}>确认重置</Button>
      </Sheet>
    </>
  );
}

export default function StaffEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  // The shop's set too: a switch the member does not set follows it, and the form says what it is.
  const loaded = useRemote(async () => ({ user: id ? await staff.get(id) : null, shop: await fetchShop() }), [id]);
  return (
    <Screen className="page-staff-edit">
      {loaded.error ? (
        <Failed error={loaded.error} onRetry={() => void loaded.reload()} />
      ) : loaded.loading || !loaded.data ? (
        <Loading />
      ) : (
        <StaffForm user={loaded.data.user} shopSwitches={loaded.data.shop.staffPermissions} />
      )}
    </Screen>
  );
}
