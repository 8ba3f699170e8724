// The notification channels against real local fake servers (SMTP, Aliyun SMS, WeChat): no database involved, so
// the suite runs in the PGlite project only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type OutgoingMessage } from '../src/integrations/channel.ts';
import { channelsFromEnv } from '../src/integrations/config.ts';
import { EmailChannel, messageIdFor } from '../src/integrations/email/email-channel.ts';
import { AliyunSms } from '../src/integrations/sms/aliyun.ts';
import { SmsChannel } from '../src/integrations/sms/sms-channel.ts';
import { parseTemplateFields, SubscribeChannel } from '../src/integrations/wechat/subscribe-channel.ts';
import { WechatApi, WechatApiError } from '../src/integrations/wechat/wechat-api.ts';
import { startFakeAliyunSms, type FakeSmsServer } from './support/fakes/fake-aliyun-sms.ts';
import { startFakeSmtp, type FakeSmtp } from './support/fakes/fake-smtp.ts';
import { startFakeWechat, type FakeWechat } from './support/fakes/fake-wechat.ts';

const describeOnce = describe.skipIf(process.env.TEST_DATABASE === 'postgres');

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    key: 'warning-42-email',
    to: 'boss@example.com',
    kind: 'warning',
    title: '库存预警：可乐 500ml',
    body: '可乐 500ml 库存 3 瓶，低于下限 10 瓶。\n建议尽快补货。',
    fields: { subject: '可乐 500ml', detail: '库存 3 瓶，低于下限 10 瓶', time: '2025-03-08 09:30' },
    page: '/sub/warnings/list/index',
    ...overrides,
  };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describeOnce('email over SMTP', () => {
  let smtp: FakeSmtp;
  let channel: EmailChannel;
  beforeAll(async () => {
    smtp = await startFakeSmtp({ user: 'mailer', pass: 'p@ss word' });
    channel = new EmailChannel({ smtpUrl: smtp.url, from: '小仓 <noreply@example.com>', publicBaseUrl: 'https://shop.example.com/' });
  });
  afterAll(async () => {
    channel.close();
    await smtp.close();
  });

  it('arrives with its subject, plain text and HTML, Chinese intact, and a Message-ID from the key', async () => {
    await channel.send(message({ title: '库存预警：可乐 <500ml> & "雪碧"' }));
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.user).toBe('mailer');
    expect(mail.to).toEqual(['boss@example.com']);
    expect(mail.parsed.subject).toBe('库存预警：可乐 <500ml> & "雪碧"');
    expect(mail.parsed.from?.value[0]).toMatchObject({ name: '小仓', address: 'noreply@example.com' });
    expect(mail.parsed.messageId).toBe('<warning-42-email@xiaocang>');
    expect(mail.parsed.text).toContain('可乐 500ml 库存 3 瓶，低于下限 10 瓶。');
    expect(mail.parsed.text).toContain('时间：2025-03-08 09:30');
    expect(mail.parsed.text).toContain('https://shop.example.com/#/sub/warnings/list/index');
    const html = String(mail.parsed.html);
    expect(html).toContain('建议尽快补货。');
    expect(html).toContain('库存预警：可乐 &#60;500ml&#62; &#38; &#34;雪碧&#34;');
    expect(html).not.toContain('<500ml>');
    expect(html).toContain('href="https://shop.example.com/#/sub/warnings/list/index"');
    expect(html).not.toMatch(/<table/i);
  });

  it('gives a retry the same Message-ID, and a key that is no dot-atom a stable hashed one', async () => {
    const before = smtp.received.length;
    await channel.send(message({ key: 'retry-1' }));
    await channel.send(message({ key: 'retry-1' }));
    const ids = smtp.received.slice(before).map((m) => m.parsed.messageId);
    expect(ids).toEqual(['<retry-1@xiaocang>', '<retry-1@xiaocang>']);
    expect(messageIdFor('预警 7:邮件')).toBe(messageIdFor('预警 7:邮件'));
    expect(messageIdFor('预警 7:邮件')).toMatch(/^<[0-9a-f]{40}@xiaocang>$/);
  });

  it('fails retryably while the server is down, and delivers once it is back', async () => {
    await smtp.down();
    const error = await deliveryError(channel.send(message({ key: 'down-1' })));
    expect(error.retryable).toBe(true);
    await smtp.up();
    await channel.send(message({ key: 'down-1' }));
    expect(smtp.received.at(-1)!.parsed.messageId).toBe('<down-1@xiaocang>');
  });

  it('takes a 4xx answer as retryable and a refused recipient (5xx) as final', async () => {
    smtp.failNext('data', 451);
    const temporary = await deliveryError(channel.send(message({ key: 'temp-1' })));
    expect(temporary).toMatchObject({ retryable: true, code: '451' });

    smtp.rejectRecipient('gone@example.com');
    const refused = await deliveryError(channel.send(message({ key: 'gone-1', to: 'gone@example.com' })));
    expect(refused).toMatchObject({ retryable: false, code: '550' });

    const bad = await deliveryError(channel.send(message({ to: 'not an address' })));
    expect(bad.retryable).toBe(false);
  });

  it('fails retryably when nothing listens at all', async () => {
    const nowhere = new EmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: 'noreply@example.com' });
    const error = await deliveryError(nowhere.send(message()));
    expect(error.retryable).toBe(true);
  });
});

describeOnce('SMS through Aliyun', () => {
  const account = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret-0123456789', signName: '小仓', templateCode: 'SMS_123456789' };
  let fake: FakeSmsServer;
  let channel: SmsChannel;
  beforeAll(async () => {
    fake = await startFakeAliyunSms(account);
    channel = new SmsChannel(new AliyunSms({ ...account, endpoint: fake.url }));
  });
  afterAll(() => fake.close());

  it('sends a request whose signature the provider accepts, with the key as OutId and the parameters cut to 35 characters', async () => {
    const longSubject = '进口特级初榨橄榄油（西班牙原装）礼盒装 750ml × 2 瓶 + 赠品调味醋 250ml';
    await channel.send(message({ key: 'sms-1', to: '+86 138-0013-8000', fields: { subject: longSubject, detail: '库存 3，低于下限 10', time: '2025-03-08 09:30' } }));
    expect(fake.messages).toHaveLength(1);
    const sms = fake.messages[0]!;
    expect(sms).toMatchObject({ phoneNumbers: '13800138000', signName: '小仓', templateCode: 'SMS_123456789', outId: 'sms-1' });
    expect(Array.from(sms.templateParam.subject!)).toHaveLength(35);
    expect(sms.templateParam.subject!.endsWith('…')).toBe(true);
    expect(longSubject.startsWith(sms.templateParam.subject!.slice(0, -1))).toBe(true);
    expect(sms.templateParam.detail).toBe('库存 3，低于下限 10');
  });

  it('is refused, finally, when signed with a forged secret', async () => {
    const forged = new SmsChannel(new AliyunSms({ ...account, accessKeySecret: 'forged-secret', endpoint: fake.url }));
    const before = fake.messages.length;
    const error = await deliveryError(forged.send(message({ key: 'sms-forged', to: '13800138000' })));
    expect(error).toMatchObject({ retryable: false, code: 'SignatureDoesNotMatch' });
    expect(fake.requests.at(-1)).toMatchObject({ status: 400, code: 'SignatureDoesNotMatch' });
    expect(fake.messages).toHaveLength(before);
  });

  it('takes a provider 500 and throttling as retryable, each tried once', async () => {
    const requestsBefore = fake.requests.length;
    fake.failNext(500);
    const error = await deliveryError(channel.send(message({ key: 'sms-500', to: '13800138000' })));
    expect(error).toMatchObject({ retryable: true, code: 'InternalError' });
    expect(fake.requests.length).toBe(requestsBefore + 1);

    fake.answerNext('isv.BUSINESS_LIMIT_CONTROL');
    const throttled = await deliveryError(channel.send(message({ key: 'sms-limit', to: '13800138000' })));
    expect(throttled).toMatchObject({ retryable: true, code: 'isv.BUSINESS_LIMIT_CONTROL' });
  });

  it('takes a bad number or a refused template as final', async () => {
    const bad = await deliveryError(channel.send(message({ to: '12345' })));
    expect(bad).toMatchObject({ retryable: false, code: 'badNumber' });

    const wrongTemplate = new SmsChannel(new AliyunSms({ ...account, templateCode: 'SMS_OTHER', endpoint: fake.url }));
    const refused = await deliveryError(wrongTemplate.send(message({ to: '13800138000' })));
    expect(refused).toMatchObject({ retryable: false, code: 'isv.SMS_TEMPLATE_ILLEGAL' });
  });

  it('fails retryably when the provider cannot be reached', async () => {
    const nowhere = new SmsChannel(new AliyunSms({ ...account, endpoint: 'http://127.0.0.1:1' }));
    const error = await deliveryError(nowhere.send(message({ to: '13800138000' })));
    expect(error.retryable).toBe(true);
  });
});

describeOnce('WeChat', () => {
  let fake: FakeWechat;
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const fields = parseTemplateFields('thing1=subject,thing2=detail,time3=time');
  const newApi = () => new WechatApi({ appId: fake.appId, secret: fake.secret, apiBase: fake.url }, { now });
  const newChannel = (api: WechatApi) => new SubscribeChannel(api, { templateId: 'TEMPLATE-WARNING', fields, miniprogramState: 'formal' });
  const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

  beforeAll(async () => {
    fake = await startFakeWechat({ now });
  });
  afterAll(() => fake.close());

  it('exchanges a login code for the openid once, and names a bad code with a typed error', async () => {
    const api = newApi();
    fake.addCode('code-ok', openid, 'union-1');
    const session = await api.codeToSession('code-ok');
    expect(session).toEqual({ openid, unionid: 'union-1' });
    expect(session).not.toHaveProperty('session_key');

    const reused = await api.codeToSession('code-ok').catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(WechatApiError);
    expect(reused).toMatchObject({ errcode: 40163, reason: 'invalidCode' });

    const unknown = await api.codeToSession('no-such-code').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ errcode: 40029, reason: 'invalidCode', retryable: false });

    const wrongSecret = new WechatApi({ appId: fake.appId, secret: 'wrong', apiBase: fake.url });
    fake.addCode('code-2', openid);
    await expect(wrongSecret.codeToSession('code-2')).rejects.toMatchObject({ errcode: 40125 });
  });

  it('sends five messages with one stable_token call, the data cut to the template limits', async () => {
    const callsBefore = fake.tokenStats.calls;
    const sentBefore = fake.messages.length;
    const channel = newChannel(newApi());
    const longName = '进口特级初榨橄榄油（西班牙原装）礼盒装 750ml';
    for (let i = 0; i < 5; i++) {
      await channel.send(message({ key: `wx-${i}`, to: openid, fields: { subject: longName, detail: '库存 3 瓶，低于下限 10 瓶，请尽快补货以免断货影响销售', time: '2025-03-08 09:30' } }));
    }
    expect(fake.tokenStats.calls - callsBefore).toBe(1);
    const sent = fake.messages.slice(sentBefore);
    expect(sent).toHaveLength(5);
    expect(sent[0]).toMatchObject({ touser: openid, template_id: 'TEMPLATE-WARNING', page: 'sub/warnings/list/index', miniprogram_state: 'formal', lang: 'zh_CN' });
    const data = sent[0]!.data;
    expect(Array.from(data.thing1!.value)).toHaveLength(20);
    expect(data.thing1!.value).toBe(`${Array.from(longName).slice(0, 19).join('')}…`);
    expect(Array.from(data.thing2!.value).length).toBeLessThanOrEqual(20);
    expect(data.time3!.value).toBe('2025-03-08 09:30');
  });

  it('cuts values by the type of each key: character_string, phrase and name', async () => {
    const channel = new SubscribeChannel(newApi(), {
      templateId: 'TEMPLATE-WARNING',
      fields: parseTemplateFields('character_string1=subject,phrase2=detail,name3=subject,time4=time'),
      miniprogramState: 'developer',
    });
    await channel.send(message({ to: openid, fields: { subject: 'CG-20250308-0001-ABCDEFGHIJKLMNOPQRSTUVWXYZ 采购单', detail: '待审批处理', time: '2025-03-08 09:30' } }));
    const data = fake.messages.at(-1)!.data;
    expect(data.character_string1!.value).toBe('CG-20250308-0001-ABCDEFGHIJKLMNO');
    expect(data.phrase2!.value).toBe('待审批处理');
    expect(Array.from(data.name3!.value).length).toBeLessThanOrEqual(10);
    expect(fake.messages.at(-1)!.miniprogram_state).toBe('developer');
  });

  it('refreshes an expired token once (without forcing) and sends', async () => {
    const api = newApi();
    const channel = newChannel(api);
    await channel.send(message({ to: openid }));
    const before = { ...fake.tokenStats };
    fake.expireToken();
    clock += 10 * 60_000;
    await channel.send(message({ key: 'after-expiry', to: openid }));
    expect(fake.messages.at(-1)!.access_token).toBe(fake.currentToken());
    expect(fake.tokenStats.calls - before.calls).toBe(1);
    expect(fake.tokenStats.forced - before.forced).toBe(0);
  });

  it('on 40001 for a send refreshes the token and succeeds', async () => {
    const api = newApi();
    const channel = newChannel(api);
    clock += 31_000;
    fake.failFor(openid, 40001);
    const sentBefore = fake.messages.length;
    const forcedBefore = fake.tokenStats.forced;
    await channel.send(message({ key: 'after-40001', to: openid }));
    expect(fake.messages.length).toBe(sentBefore + 1);
    // The refused token had just been handed out: a plain call would return it again, so the refresh was forced.
    expect(fake.tokenStats.forced - forcedBefore).toBe(1);
  });

  it('forces a refresh when a token just issued is still refused, but not twice within 30 s', async () => {
    const api = newApi();
    const channel = newChannel(api);
    clock += 60_000;
    await channel.send(message({ to: openid }));
    fake.spoilToken();
    const forcedBefore = fake.tokenStats.forced;
    await channel.send(message({ key: 'after-spoil', to: openid }));
    expect(fake.tokenStats.forced - forcedBefore).toBe(1);

    fake.spoilToken();
    clock += 5_000;
    const error = await deliveryError(channel.send(message({ key: 'spoiled-again', to: openid })));
    expect(error).toMatchObject({ retryable: true, code: '40001' });
    expect(fake.tokenStats.forced - forcedBefore).toBe(1);
  });

  it('shares one refresh among concurrent senders', async () => {
    const api = newApi();
    const channel = newChannel(api);
    clock += 60 * 60_000;
    await api.accessToken();
    fake.expireToken();
    clock += 10 * 60_000;
    const callsBefore = fake.tokenStats.calls;
    await Promise.all(Array.from({ length: 5 }, (_, i) => channel.send(message({ key: `parallel-${i}`, to: openid }))));
    expect(fake.tokenStats.calls - callsBefore).toBe(1);

    const fresh = newApi();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => fresh.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenStats.calls - callsBefore).toBe(2);
  });

  it('maps WeChat refusals: 43101 and bad openids are final, busy is retryable', async () => {
    const channel = newChannel(newApi());
    fake.failFor(openid, 43101);
    expect(await deliveryError(channel.send(message({ to: openid })))).toMatchObject({ retryable: false, code: '43101' });
    fake.failFor(openid, 47003);
    expect(await deliveryError(channel.send(message({ to: openid })))).toMatchObject({ retryable: false, code: '47003' });
    fake.failFor(openid, -1);
    expect(await deliveryError(channel.send(message({ to: openid })))).toMatchObject({ retryable: true, code: '-1' });
    fake.failFor(openid, 45009);
    expect(await deliveryError(channel.send(message({ to: openid })))).toMatchObject({ retryable: true, code: '45009' });

    const wrongTemplate = new SubscribeChannel(newApi(), { templateId: 'NO-SUCH', fields, miniprogramState: 'formal' });
    expect(await deliveryError(wrongTemplate.send(message({ to: openid })))).toMatchObject({ retryable: false, code: '40037' });
    expect(await deliveryError(channel.send(message({ to: 'x' })))).toMatchObject({ retryable: false, code: '40003' });
  });
});

describe('channelsFromEnv', () => {
  it('says in Chinese what each channel that is off needs', () => {
    const { channels, missing, wechatLogin } = channelsFromEnv({});
    expect(channels).toEqual({});
    expect(wechatLogin).toBeUndefined();
    expect(missing.email).toBe('服务器未配置邮件发送（SMTP_URL、SMTP_FROM）');
    expect(missing.sms).toContain('SMS_PROVIDER');
    expect(missing.wechat).toContain('WECHAT_APPID');

    const partial = channelsFromEnv({ SMTP_URL: 'smtp://h:25', SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'a', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' });
    expect(partial.missing.email).toBe('服务器未配置邮件发送（SMTP_FROM）');
    expect(partial.missing.sms).toBe('服务器未配置短信发送（SMS_ACCESS_KEY_SECRET、SMS_SIGN_NAME、SMS_TEMPLATE_CODE）');
    expect(partial.missing.wechat).toBe('服务器未配置微信订阅消息（WECHAT_WARNING_TEMPLATE_ID）');
    expect(partial.wechatLogin).toBeInstanceOf(WechatApi);
  });

  it('builds every channel when everything is set', () => {
    const { channels, missing, wechatLogin } = channelsFromEnv({
      SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      SMTP_FROM: '小仓 <noreply@example.com>',
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: 'id',
      SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_SIGN_NAME: '小仓',
      SMS_TEMPLATE_CODE: 'SMS_1',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_WARNING_TEMPLATE_ID: 'T1',
    });
    expect(missing).toEqual({});
    expect(Object.keys(channels).sort()).toEqual(['email', 'sms', 'wechat']);
    expect(channels.wechat!.name).toBe('wechat');
    expect(wechatLogin?.appId).toBe('wx1');
    (channels.email as EmailChannel).close();
  });

  it('rejects a wrong template field list or provider with a message instead of failing', () => {
    const { missing } = channelsFromEnv({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_WARNING_TEMPLATE_ID: 'T1', WECHAT_TEMPLATE_FIELDS: 'thing1=price', SMS_PROVIDER: 'tencent' });
    expect(missing.wechat).toContain('WECHAT_TEMPLATE_FIELDS');
    expect(missing.sms).toContain('腾讯云');
  });
});
