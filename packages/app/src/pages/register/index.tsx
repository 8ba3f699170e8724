import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { register } from '../../api/auth';
import { Button } from '../../components/nut';
import { TextField } from '../../components/Fields';
import { useAction } from '../../hooks/useAction';
import { useForm } from '../../hooks/useForm';
import { maxLength, newPassword, required, username } from '../../lib/validate';
import { ROUTES } from '../../routes';
import { startSession } from '../../state/session';

const RULES = {
  shopName: [required, maxLength(60)],
  realName: [required, maxLength(40)],
  username: [required, username],
  password: [required, newPassword],
};

export default function RegisterPage() {
  const form = useForm({ shopName: '', realName: '', username: '', password: '' }, RULES);
  const action = useAction();
  const submit = () => {
    if (!form.check()) return;
    const { shopName, realName, username: name, password } = form.values;
    void action.run(async () => {
      await startSession(await register({ shopName: shopName.trim(), realName: realName.trim(), username: name.trim(), password }));
      void Taro.reLaunch({ url: ROUTES.home });
    });
  };
  const errors = { ...action.fieldErrors, ...form.errors };
  return (
    <View className="auth page-register">
      <View className="auth__logo">仓</View>
      <View className="auth__title">开通你的小仓</View>
      <View className="auth__sub">注册即创建店铺，默认单据类型、单位和仓库都已备好</View>
      <View className="card">
        <TextField name="shopName" label="店铺名称" required placeholder="如：阿花的小店" value={form.values.shopName} onChange={form.set('shopName')} error={errors.shopName} />
        <TextField name="realName" label="你的姓名" required placeholder="店主姓名" value={form.values.realName} onChange={form.set('realName')} error={errors.realName} />
        <TextField name="username" label="登录账号" required placeholder="字母或数字，3 位以上" value={form.values.username} onChange={form.set('username')} error={errors.username} />
        <TextField name="password" label="密码" required kind="password" placeholder="至少 8 位" value={form.values.password} onChange={form.set('password')} error={errors.password} />
      </View>
      <Button className="btn-block submit-register" type="primary" size="large" block loading={action.busy} onClick={submit}>
        注册并进入
      </Button>
      <View className="auth__switch">
        已有账号？
        <View className="link" style={{ display: 'inline' }} onClick={() => void Taro.navigateBack().catch(() => Taro.reLaunch({ url: ROUTES.login }))}>
          去登录
        </View>
      </View>
    </View>
  );
}
