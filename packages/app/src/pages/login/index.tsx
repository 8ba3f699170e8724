import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { login } from '../../api/auth';
import { Button } from '../../components/nut';
import { TextField } from '../../components/Fields';
import { useAction } from '../../hooks/useAction';
import { useForm } from '../../hooks/useForm';
import { required } from '../../lib/validate';
import { ROUTES } from '../../routes';
import { keptFormUrl } from '../../state/kept-form';
import { hasToken, startSession } from '../../state/session';

const RULES = { username: [required], password: [required] };

export default function LoginPage() {
  const form = useForm({ username: '', password: '' }, RULES);
  const action = useAction();
  useDidShow(() => {
    if (hasToken()) void Taro.reLaunch({ url: ROUTES.home });
  });
  const submit = () => {
    if (!form.check()) return;
    void action.run(async () => {
      const me = await startSession(await login({ username: form.values.username.trim(), password: form.values.password }));
      // Back to the form that was open when the session expired, if any.
      void Taro.reLaunch({ url: keptFormUrl(me.user.id) ?? ROUTES.home });
    });
  };
  const errors = { ...action.fieldErrors, ...form.errors };
  return (
    <View className="auth page-login">
      <View className="auth__logo">仓</View>
      <View className="auth__title">小仓进销存</View>
      <View className="auth__sub">进货、出货、库存，一部手机全搞定</View>
      <View className="card">
        <TextField name="username" label="账号" placeholder="用户名" value={form.values.username} onChange={form.set('username')} error={errors.username} />
        <TextField name="password" label="密码" kind="password" placeholder="密码" value={form.values.password} onChange={form.set('password')} error={errors.password} />
      </View>
      {/* Stays after the toast is gone: a wrong password, a disabled account, no network. */}
      {action.error && Object.keys(action.fieldErrors).length === 0 ? <View className="auth__error login-error">{action.error.message}</View> : null}
      <Button className="btn-block submit-login" type="primary" size="large" block loading={action.busy} onClick={submit}>
        登录
      </Button>
      <View className="auth__switch">
        还没有店铺？
        <View className="link go-register" style={{ display: 'inline' }} onClick={() => void Taro.navigateTo({ url: ROUTES.register })}>
          免费注册
        </View>
      </View>
    </View>
  );
}
