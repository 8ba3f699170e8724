import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { notifications, type SubscribeResult } from '../../../api/notifications';
import type { NotificationChannel, NotificationKind, NotificationPreferences } from '../../../api/types';
import { TextField } from '../../../components/Fields';
import { Button, Switch } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { useRemote } from '../../../hooks/useRemote';
import { CHANNEL_LABEL, CHANNELS } from '../../../lib/notify';
import { ROUTES } from '../../../routes';

/** WeChat's answers that the server understands; anything else (an error, a cancelled dialog) counts as not accepted. */
const SUBSCRIBE_RESULTS = new Set<string>(['accept', 'reject', 'ban', 'filter']);

/**
 * Binding WeChat and subscribing to its reminders exist only in the mini-program: on H5 Taro's `login` and
 * `requestSubscribeMessage` resolve as if they had worked, so they are never called there.
 */
function Wechat({ prefs, onPrefs }: { prefs: NotificationPreferences; onPrefs: (prefs: NotificationPreferences) => void }) {
  const action = useAction();
  const templateId = prefs.wechatTemplateId;
  const bind = () =>
    void action.run(async () => {
      if (process.env.TARO_ENV !== 'weapp') return;
      const { code } = await Taro.login();
      await notifications.bindWechat(code);
      onPrefs(await notifications.preferences());
      void Taro.showToast({ title: '已绑定微信', icon: 'success' });
    });
  const subscribe = () => {
    if (process.env.TARO_ENV !== 'weapp' || !templateId) return;
    // WeChat asks only when called straight from the tap: nothing is awaited before this call.
    const asked = Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
    void action.run(async () => {
      const answer = (await asked.catch(() => null)) as Record<string, unknown> | null;
      const result = answer?.[templateId];
      const given: SubscribeResult = typeof result === 'string' && SUBSCRIBE_RESULTS.has(result) ? (result as SubscribeResult) : 'reject';
      onPrefs(await notifications.saveSubscriptions({ [templateId]: given }));
      void Taro.showToast({ title: given === 'accept' ? '已开启一次微信提醒' : '未开启微信提醒', icon: given === 'accept' ? 'success' : 'none' });
    });
  };
  const unbind = () =>
    void Taro.showModal({ title: '解除绑定', content: '解除后不再通过微信提醒你。确定吗？' }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        await notifications.unbindWechat();
        onPrefs(await notifications.preferences());
      });
    });
  return (
    <View className="card wechat">
      <View className="card__title">
        微信提醒
        <View className="card__more wechat-state">{prefs.wechatBound ? '已绑定微信' : '未绑定微信'}</View>
      </View>
      {process.env.TARO_ENV !== 'weapp' ? (
        <View className="share-note wechat-h5-note">微信提醒只能在小程序里开启：在微信中打开小仓小程序，到“我的 → 通知设置”绑定微信并点“开启微信提醒”。</View>
      ) : !prefs.wechatBound ? (
        <Button type="primary" block className="bind-wechat" loading={action.busy} onClick={bind}>
          绑定微信
        </Button>
      ) : templateId ? (
        <>
          <View className="share-note">微信每次只允许提醒一条：每点一次“开启微信提醒”并选择允许，可多收一条。</View>
          <Button type="primary" block className="subscribe-wechat" loading={action.busy} onClick={subscribe}>
            开启微信提醒
          </Button>
        </>
      ) : (
        <View className="share-note">店铺还没有配置微信消息模板，暂时无法开启。</View>
      )}
      {prefs.wechatBound ? (
        <View className="row" style={{ marginTop: '8px' }}>
          <View className="muted wechat-quota">还可发送 {prefs.wechatQuota} 条</View>
          {process.env.TARO_ENV === 'weapp' ? <View className="link unbind-wechat" onClick={unbind}>解除绑定</View> : null}
        </View>
      ) : null}
    </View>
  );
}

/** Which kind of notification goes out on which channel; each switch saves at once. */
function Channels({ prefs, onPrefs }: { prefs: NotificationPreferences; onPrefs: (prefs: NotificationPreferences) => void }) {
  const action = useAction();
  const kinds = prefs.kinds.filter((k) => k.allowed);
  const notReady = prefs.channels.filter((c) => !c.ready);
  const toggle = (kind: NotificationKind, channel: NotificationChannel, on: boolean) =>
    void action.run(async () => {
      onPrefs(await notifications.savePreferences({ kinds: { [kind]: { [channel]: on } } }));
    });
  return (
    <>
      <View className="section-title">收到哪些通知、通过什么方式</View>
      <View className="card channels">
        <View className="channel-grid channel-grid--head">
          <View className="channel-grid__kind" />
          {CHANNELS.map((channel) => (
            <View key={channel} className={`channel-grid__cell${prefs.channels.find((c) => c.channel === channel)?.ready === false ? ' channel-grid__cell--off' : ''}`}>
              {CHANNEL_LABEL[channel]}
            </View>
          ))}
        </View>
        {kinds.map((k) => (
          <View key={k.kind} className={`channel-grid channel-kind-${k.kind}`}>
            <View className="channel-grid__kind">{k.label}</View>
            {CHANNELS.map((channel) => (
              <View key={channel} className={`channel-grid__cell channel-${channel}`}>
                <Switch checked={k.channels[channel]} disabled={action.busy} onChange={(on) => toggle(k.kind, channel, on)} />
              </View>
            ))}
          </View>
        ))}
        {kinds.length === 0 ? <View className="muted">你的账号暂时收不到任何通知。</View> : null}
        {notReady.map((c) => (
          <View key={c.channel} className={`share-note channel-missing channel-missing-${c.channel}`}>
            {CHANNEL_LABEL[c.channel]}：{c.missing ?? '暂不可用'}
          </View>
        ))}
      </View>
    </>
  );
}

/** Where email and text messages go; the server checks both and names what is wrong under the field. */
function Addresses({ prefs, onPrefs }: { prefs: NotificationPreferences; onPrefs: (prefs: NotificationPreferences) => void }) {
  const saved = { email: prefs.email, phone: prefs.phone };
  const [values, setValues] = useState(saved);
  const action = useAction();
  useFormGuard({ url: ROUTES.notifySettings, value: values, pristine: saved, restore: setValues });
  const set = (field: 'email' | 'phone') => (text: string) => {
    setValues((current) => ({ ...current, [field]: text }));
    action.setFieldErrors(({ [field]: _cleared, ...rest }) => rest);
  };
  const save = () =>
    void action.run(async () => {
      const next = await notifications.savePreferences({ email: values.email.trim(), phone: values.phone.trim() });
      onPrefs(next);
      setValues({ email: next.email, phone: next.phone });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  return (
    <View className="card addresses">
      <TextField name="email" label="邮箱" value={values.email} onChange={set('email')} error={action.fieldErrors.email} placeholder="用于接收邮件提醒" />
      <TextField name="phone" label="手机号" value={values.phone} onChange={set('phone')} error={action.fieldErrors.phone} placeholder="用于接收短信提醒" />
      <View className="gap" />
      <Button type="primary" size="small" block className="save-addresses" loading={action.busy} onClick={save}>
        保存邮箱和手机号
      </Button>
    </View>
  );
}

function Settings({ initial }: { initial: NotificationPreferences }) {
  const [prefs, setPrefs] = useState(initial);
  return (
    <>
      <Addresses prefs={prefs} onPrefs={setPrefs} />
      <Channels prefs={prefs} onPrefs={setPrefs} />
      <Wechat prefs={prefs} onPrefs={setPrefs} />
    </>
  );
}

export default function NotifySettingsPage() {
  const prefs = useRemote(() => notifications.preferences(), []);
  return (
    <Screen className="page-notify-settings">
      <RemoteView remote={prefs}>{(data) => <Settings initial={data} />}</RemoteView>
    </Screen>
  );
}
