import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useRemote } from '../../../hooks/useRemote';
import { newPassword, required } from '../../../lib/validate';
import { store, writeShopToken, type CustomerSession } from '../../../storefront/api';
import { shopUrl } from '../../../storefront/routes';
import { ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';

const MOBILE = /^1[3-9]\d{9}$/;
const mobile = (value: string) => (!value.trim() || MOBILE.test(value.trim()) ? null : '请输入 11 位手机号');
const LOGIN_RULES = { phone: [required, mobile], password: [required] };
const REGISTER_RULES = { phone: [required, mobile], password: [required, newPassword], name: [required] };

/** Only a page of this storefront is a place to come back to. */
function backTarget(shopId: string, back: string | undefined): string {
  const decoded = back ? decodeURIComponent(back) : '';
  if (!decoded.startsWith('/sub/shop/') || decoded.startsWith('/sub/shop/login')) return shopUrl('home', shopId);
  return /[?&]shopId=/.test(decoded) ? decoded : `${decoded}${decoded.includes('?') ? '&' : '?'}shopId=${shopId}`;
}

function Login({ shopId }: { shopId: string }) {
  const { params } = useRouter();
  const info = useRemote(() => store.info(shopId), [shopId]);
  const [registering, setRegistering] = useState(false);
  const form = useForm({ phone: '', password: '', name: '' }, registering ? REGISTER_RULES : LOGIN_RULES);
  const action = useAction();
  const enter = (session: CustomerSession) => {
    writeShopToken(shopId, session.token);
    void Taro.redirectTo({ url: backTarget(shopId, params.back) });
  };
  const submit = () => {
    if (!form.check()) return;
    const phone = form.values.phone.trim();
    void action.run(async () => {
      enter(
        registering
          ? await store.register(shopId, { phone, password: form.values.password, name: form.values.name.trim() })
          : await store.login(shopId, { phone, password: form.values.password }),
      );
    });
  };
  // Mini-program only: on H5 Taro.login "succeeds" with no code at all.
  const wechat = () =>
    void action.run(async () => {
      if (process.env.TARO_ENV !== 'weapp') return;
      const { code } = await Taro.login();
      if (code) enter(await store.wechatLogin(shopId, code));
    });
  const errors = { ...action.fieldErrors, ...form.errors };
  const refusal = action.error && Object.keys(action.fieldErrors).length === 0 ? (action.error.code === 'DUPLICATE' ? '这个手机号已注册，请直接登录' : action.error.message) : null;
  const shopName = info.data?.shopName ?? '';
  return (
    <View className="auth shop-auth">
      <View className="auth__logo">{shopName.slice(0, 1) || '店'}</View>
      <View className="auth__title shop-name">{shopName || ' '}</View>
      <View className="auth__sub">{registering ? '注册后即可下单，用手机号和密码登录' : '登录后浏览商品、下单和查看订单'}</View>
      <View className="seg">
        {([false, true] as const).map((reg) => (
          <View
            key={String(reg)}
            className={`seg__item ${reg ? 'seg-register' : 'seg-login'}${registering === reg ? ' seg__item--on' : ''}`}
            onClick={() => {
              setRegistering(reg);
              form.setErrors({});
              action.setFieldErrors({});
            }}
          >
            {reg ? '注册' : '登录'}
          </View>
        ))}
      </View>
      <View className="card">
        <TextField name="phone" label="手机号" kind="integer" placeholder="11 位手机号" value={form.values.phone} onChange={form.set('phone')} error={errors.phone} />
        <TextField
          name="password"
          label="密码"
          kind="password"
          placeholder={registering ? '至少 8 位' : '密码'}
          value={form.values.password}
          onChange={form.set('password')}
          error={errors.password}
        />
        {registering ? <TextField name="name" label="称呼" placeholder="怎么称呼您" value={form.values.name} onChange={form.set('name')} error={errors.name} /> : null}
      </View>
      {refusal ? <View className="auth__error login-error">{refusal}</View> : null}
      <Button className="btn-block submit-login" type="primary" size="large" block loading={action.busy} onClick={submit}>
        {registering ? '注册并登录' : '登录'}
      </Button>
      {process.env.TARO_ENV === 'weapp' && info.data?.wechatSignIn ? (
        <View className="sheet-actions">
          <Button className="btn-block wechat-login" fill="outline" type="primary" size="large" block disabled={action.busy} onClick={wechat}>
            微信登录
          </Button>
        </View>
      ) : null}
      {info.error ? <View className="auth__error">{info.error.code === 'NOT_FOUND' ? '找不到这家店铺，请检查链接' : info.error.message}</View> : null}
    </View>
  );
}

export default function ShopLoginPage() {
  return (
    <ShopScreen name="page-shop-login" open className="shop-login-screen">
      {(shopId) => <Login shopId={shopId} />}
    </ShopScreen>
  );
}
