import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { paymentAccounts } from '../../../api/money';
import { API_BASE_URL } from '../../../api/base-url';
import { storeSettings } from '../../../api/orders';
import type { StoreSettings } from '../../../api/types';
import { SelectField, TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { useRemote } from '../../../hooks/useRemote';
import { quantity } from '../../../lib/format';
import { storefrontH5Link, storefrontMiniPath } from '../../../lib/orders';
import { decimal, required, type Rule } from '../../../lib/validate';
import { ROUTES } from '../../../routes';
import { useSession } from '../../../state/session';

const minutesRule: Rule = (value) => {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 5 && n <= 7 * 24 * 60 ? null : '填 5 到 10080 之间的整数（最长 7 天）';
};

function SettingsForm({ settings, onSaved }: { settings: StoreSettings; onSaved: () => Promise<void> }) {
  const pristine = useMemo(() => ({ orderExpiryMinutes: String(settings.orderExpiryMinutes), customerHoldCap: quantity(settings.customerHoldCap) }), [settings]);
  const form = useForm(pristine, { orderExpiryMinutes: [required, minutesRule], customerHoldCap: [required, decimal(3)] });
  const action = useAction();
  useFormGuard({ url: ROUTES.storeSettings, value: form.values, pristine, restore: form.setValues });
  const errors = { ...action.fieldErrors, ...form.errors };
  const save = () => {
    if (!form.check()) return;
    void action.run(async () => {
      const saved = await storeSettings.save({ orderExpiryMinutes: Number(form.values.orderExpiryMinutes.trim()), customerHoldCap: form.values.customerHoldCap.trim() });
      // What was saved becomes the form's starting point: nothing is left unsaved.
      form.setValues({ orderExpiryMinutes: String(saved.orderExpiryMinutes), customerHoldCap: quantity(saved.customerHoldCap) });
      await onSaved();
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };
  return (
    <View className="card store-settings">
      <View className="card__title">订单占用库存</View>
      <TextField
        name="orderExpiryMinutes"
        label="付款时限"
        kind="integer"
        value={form.values.orderExpiryMinutes}
        onChange={form.set('orderExpiryMinutes')}
        error={errors.orderExpiryMinutes}
        hint="单位：分钟。下单后这么久没确认收款，订单自动取消，占用的库存放回"
      />
      <TextField
        name="customerHoldCap"
        label="每人限占"
        kind="decimal"
        value={form.values.customerHoldCap}
        onChange={form.set('customerHoldCap')}
        error={errors.customerHoldCap}
        hint="一位顾客所有未付款订单合计能占用的件数，0 表示不限"
      />
      <View className="gap" />
      <Button block type="primary" className="save-store-settings" loading={action.busy} onClick={save}>
        保存
      </Button>
    </View>
  );
}

/** WeChat Pay: the shop's sub-merchant number and the account its money is received into; and whether customers can pay now. */
function WechatPayForm({ settings, onSaved }: { settings: StoreSettings; onSaved: () => Promise<void> }) {
  const [subMchid, setSubMchid] = useState(settings.wechatPaySubMchid ?? '');
  const [accountId, setAccountId] = useState(settings.wechatPayAccountId);
  const accounts = useRemote(() => paymentAccounts.list({ pageSize: 50, status: 'active' }), []);
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      const saved = await storeSettings.save({
        orderExpiryMinutes: settings.orderExpiryMinutes,
        customerHoldCap: settings.customerHoldCap,
        wechatPaySubMchid: subMchid.trim(),
        wechatPayAccountId: accountId,
      });
      setSubMchid(saved.wechatPaySubMchid ?? '');
      setAccountId(saved.wechatPayAccountId);
      await onSaved();
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  return (
    <View className="card wechat-pay-settings">
      <View className="card__title">微信支付</View>
      <View className={`wechat-pay-state ${settings.wechatPayEnabled ? 'muted' : 'warning'}`}>
        {settings.wechatPayEnabled ? '已开通：顾客可在小程序里用微信支付付款，到账后订单自动变为「待发货」。' : `未开通：${settings.wechatPayOff ?? ''}。顾客仍可线下付款，由您确认收款。`}
      </View>
      <TextField
        name="wechatPaySubMchid"
        label="特约商户号"
        kind="integer"
        value={subMchid}
        onChange={setSubMchid}
        error={action.fieldErrors.wechatPaySubMchid}
        hint="在微信支付服务商处开通后得到的商户号（8 到 12 位数字），留空表示不用微信支付"
      />
      <SelectField
        name="wechatPayAccountId"
        label="收款账户"
        value={accountId}
        clearable
        placeholder="默认：第一个微信账户"
        options={(accounts.data?.items ?? []).map((account) => ({ value: account.id, label: account.name }))}
        onChange={setAccountId}
        error={action.fieldErrors.wechatPayAccountId}
        hint="微信支付收到的钱记入这个资金账户"
      />
      <View className="gap" />
      <Button block type="primary" className="save-wechat-pay" loading={action.busy} onClick={save}>
        保存
      </Button>
    </View>
  );
}

function ShareLinks({ shopId }: { shopId: string }) {
  // The web storefront lives beside this app: on the server the app came from (the API's in the mini-program).
  const origin = process.env.TARO_ENV === 'h5' ? window.location.origin : API_BASE_URL;
  const h5 = storefrontH5Link(shopId, origin);
  const mini = storefrontMiniPath(shopId);
  const copy = (data: string) => void Taro.setClipboardData({ data });
  return (
    <View className="card store-links">
      <View className="card__title">把商城发给顾客</View>
      <View className="muted">网页版（发微信、短信、朋友圈都能打开）</View>
      <View className="share-link store-h5-link">{h5}</View>
      <Button fill="outline" type="primary" size="small" className="copy-h5-link" onClick={() => copy(h5)}>
        复制链接
      </Button>
      <View className="gap" />
      <View className="muted">小程序页面路径（配置菜单、二维码或客服消息时用）</View>
      <View className="share-link store-mini-path">{mini}</View>
      <Button fill="outline" type="default" size="small" className="copy-mini-path" onClick={() => copy(mini)}>
        复制路径
      </Button>
    </View>
  );
}

/** 商城设置 (owner): how long an unpaid order holds stock, how much one customer may hold, WeChat Pay, and the storefront's links. */
export default function StoreSettingsPage() {
  const { me } = useSession();
  const settings = useRemote(() => storeSettings.get(), []);
  return (
    <Screen className="page-store-settings">
      <RemoteView remote={settings}>
        {(data) => (
          <>
            <SettingsForm settings={data} onSaved={settings.reload} />
            <WechatPayForm settings={data} onSaved={settings.reload} />
          </>
        )}
      </RemoteView>
      {me ? <ShareLinks shopId={me.shop.id} /> : null}
    </Screen>
  );
}
