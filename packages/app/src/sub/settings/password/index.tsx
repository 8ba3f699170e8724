import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { changePassword } from '../../../api/auth';
import { TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { newPassword, required } from '../../../lib/validate';
import { back } from '../../../routes';

const RULES = { currentPassword: [required], newPassword: [required, newPassword], confirmPassword: [required] };

function ChangePasswordForm() {
  const form = useForm({ currentPassword: '', newPassword: '', confirmPassword: '' }, RULES);
  const action = useAction();
  const { values, set } = form;
  const errors = { ...action.fieldErrors, ...form.errors };

  const submit = () => {
    if (!form.check()) return;
    if (values.confirmPassword !== values.newPassword) return void form.setErrors({ confirmPassword: '两次输入的新密码不一样' });
    void action.run(async () => {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void Taro.showToast({ title: '密码已修改', icon: 'success' });
      setTimeout(back, 800);
    });
  };

  return (
    <>
      <View className="card">
        <TextField name="currentPassword" label="当前密码" required kind="password" value={values.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} placeholder="正在使用的密码" />
        <TextField name="newPassword" label="新密码" required kind="password" value={values.newPassword} onChange={set('newPassword')} error={errors.newPassword} placeholder="至少 8 位，不要太简单" />
        <TextField name="confirmPassword" label="确认新密码" required kind="password" value={values.confirmPassword} onChange={set('confirmPassword')} error={errors.confirmPassword} placeholder="再输入一次新密码" />
      </View>
      <View className="muted" style={{ margin: '0 4px' }}>修改后，其他手机和电脑上的登录都会退出，这台设备保持登录。</View>
      <View className="actions">
        <Button type="primary" className="save-password" loading={action.busy} onClick={submit}>确认修改</Button>
      </View>
    </>
  );
}

export default function ChangePasswordPage() {
  return (
    <Screen className="page-password">
      <ChangePasswordForm />
    </Screen>
  );
}
