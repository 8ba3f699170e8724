import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notification, NotificationPreferences, WarningRulesView } from '../../src/api/types';
import { endSession } from '../../src/state/session';
import NotificationCenterPage from '../../src/sub/notify/center/index';
import DeliveriesPage from '../../src/sub/notify/deliveries/index';
import WarningRulesPage from '../../src/sub/notify/rules/index';
import NotifySettingsPage from '../../src/sub/notify/settings/index';
import { me, serve, signIn } from '../fixtures';

const prefs: NotificationPreferences = {
  email: '',
  phone: '',
  wechatBound: false,
  wechatQuota: 0,
  wechatTemplateId: 'tmpl-1',
  channels: [
    { channel: 'inApp', ready: true, missing: null },
    { channel: 'wechat', ready: false, missing: '未绑定微信' },
    { channel: 'email', ready: false, missing: '未填写邮箱' },
    { channel: 'sms', ready: false, missing: '服务器未配置短信' },
  ],
  kinds: [
    { kind: 'warning', label: '库存预警', allowed: true, channels: { inApp: true, wechat: false, email: false, sms: false } },
    { kind: 'approvalRequest', label: '待审核单据', allowed: true, channels: { inApp: true, wechat: false, email: false, sms: false } },
    { kind: 'approvalResult', label: '审核结果', allowed: false, channels: { inApp: true, wechat: false, email: false, sms: false } },
  ],
};

const rulesView: WarningRulesView = {
  shop: { lowStockThreshold: '0.000', coverDays: 7, rateWindowDays: 28, spikeFactor: '2.0', staleDays: 90 },
  overrides: [],
  recipients: [
    { userId: '1', name: '阿玲', role: 'owner', receivesWarnings: true, mayViewStock: true },
    { userId: '2', name: '小王', role: 'staff', receivesWarnings: false, mayViewStock: true },
    { userId: '3', name: '小李', role: 'staff', receivesWarnings: false, mayViewStock: false },
  ],
};

const input = (container: HTMLElement, selector: string) => container.querySelector<HTMLInputElement>(`${selector} input`)!;

beforeEach(async () => {
  endSession();
  await signIn(me('owner'));
  vi.mocked(Taro.navigateTo).mockClear();
});

describe('通知设置', () => {
  it('shows the server’s complaint under the phone field and says plainly that WeChat reminders need the mini-program', async () => {
    const login = vi.fn();
    (Taro as unknown as { login: unknown }).login = login;
    const sent: unknown[] = [];
    serve((route) => {
      if (route === 'GET /api/notifications/preferences') return { status: 200, data: prefs };
      if (route === 'PUT /api/notifications/preferences') {
        sent.push(vi.mocked(Taro.request).mock.lastCall?.[0]?.data);
        return { status: 400, data: { error: { code: 'VALIDATION_FAILED', message: 'phone: must be an 11-digit mobile number', details: [{ field: 'phone', message: 'must be an 11-digit mobile number' }] } } };
      }
      return undefined;
    });
    const { container } = render(<NotifySettingsPage />);
    await screen.findByText('微信提醒');
    expect(container.querySelector('.wechat-h5-note')?.textContent).toContain('只能在小程序里开启');
    expect(container.querySelector('.bind-wechat')).toBeNull();
    expect(container.querySelector('.channel-kind-approvalResult')).toBeNull();
    expect(container.querySelector('.channel-missing-email')?.textContent).toBe('邮件：未填写邮箱');
    fireEvent.input(input(container, '.field-phone'), { target: { value: '12345' } });
    fireEvent.click(container.querySelector('.save-addresses')!);
    await waitFor(() => expect(container.querySelector('.field-phone .field__error')?.textContent).toBe('请输入 11 位手机号'));
    expect(sent).toEqual([{ email: '', phone: '12345' }]);
    expect(login).not.toHaveBeenCalled();
  });
});

describe('预警规则', () => {
  it('turns a rule on at a number, sends the rules, and shows a member who may not see stock as unable to receive', async () => {
    const bodies: unknown[] = [];
    serve((route) => {
      if (route === 'GET /api/warnings/rules') return { status: 200, data: rulesView };
      if (route === 'PUT /api/warnings/rules') {
        bodies.push(vi.mocked(Taro.request).mock.lastCall?.[0]?.data);
        return { status: 200, data: { ...rulesView, shop: { ...rulesView.shop, lowStockThreshold: '5.000' } } };
      }
      return undefined;
    });
    const { container } = render(<WarningRulesPage />);
    await screen.findByText('谁接收库存预警');
    expect(input(container, '.rule-lowStockThreshold').value).toBe('0');
    expect(container.querySelector('.rule--lowStock')?.textContent).toContain('已关闭');
    fireEvent.input(input(container, '.rule-lowStockThreshold'), { target: { value: '5' } });
    fireEvent.click(container.querySelector('.save-rules')!);
    await waitFor(() => expect(bodies).toEqual([{ lowStockThreshold: '5', coverDays: 7, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 }]));
    await waitFor(() => expect(container.querySelector('.rule--lowStock')?.textContent).not.toContain('已关闭'));
    const rows = Array.from(container.querySelectorAll('.recipient-row'));
    expect(rows.map((row) => row.classList.contains('recipient-row--fixed'))).toEqual([true, false, true]);
    expect(rows[2]?.textContent).toContain('隐藏库存数量');
  });
});

describe('通知中心', () => {
  it('marks a tapped notification read and opens what it is about', async () => {
    const notice: Notification = { id: '7', kind: 'warning', title: '库存不足：补水面膜', body: '库存 3 盒，不高于 5 盒', page: '/sub/notify/warnings/index', createdAt: '2026-03-02T01:00:00Z', readAt: null };
    const read: string[] = [];
    const asked: string[] = [];
    serve((route, url) => {
      if (route === 'GET /api/notifications') {
        asked.push(url.search);
        return { status: 200, data: { items: [notice], total: 1, page: 1, pageSize: 20, unreadCount: 1 } };
      }
      if (route === 'POST /api/notifications/7/read') {
        read.push('7');
        return { status: 200, data: { ok: true } };
      }
      return undefined;
    });
    const { container } = render(<NotificationCenterPage />);
    await screen.findByText('库存不足：补水面膜');
    expect(container.querySelector('.seg-unread')?.textContent).toBe('未读 1');
    fireEvent.click(container.querySelector('.notice-row')!);
    await waitFor(() => expect(read).toEqual(['7']));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/sub/notify/warnings/index' });
    expect(container.querySelector('.notice-row--read')).not.toBeNull();
    expect(container.querySelector('.seg-unread')?.textContent).toBe('未读');
    // 全部 sends no `unreadOnly` at all (the server would read "false" as true); 未读 sends true.
    fireEvent.click(container.querySelector('.seg-unread')!);
    await waitFor(() => expect(asked).toEqual(['?page=1&pageSize=20', '?page=1&pageSize=20&unreadOnly=true']));
  });
});

describe('发送失败', () => {
  it('lists failed deliveries with their error and retries one, then shows the list again from the server', async () => {
    const failed = { id: '5', channel: 'email', recipientName: '阿玲', address: 'a***@example.com', title: '库存不足：补水面膜', status: 'failed', attempts: 5, lastError: 'SMTP 550 mailbox unavailable', createdAt: '2026-03-02T01:00:00Z', sentAt: null, nextAttemptAt: null };
    let retried = false;
    const asked: string[] = [];
    serve((route, url) => {
      if (route === 'GET /api/notifications/deliveries') {
        asked.push(url.searchParams.get('status') ?? '');
        return { status: 200, data: { items: retried ? [] : [failed], total: retried ? 0 : 1, page: 1, pageSize: 20 } };
      }
      if (route === 'POST /api/notifications/deliveries/5/retry') {
        retried = true;
        return { status: 200, data: { ...failed, status: 'pending' } };
      }
      return undefined;
    });
    const { container } = render(<DeliveriesPage />);
    await screen.findByText('SMTP 550 mailbox unavailable');
    expect(container.querySelector('.delivery-row')?.textContent).toContain('发给 阿玲（a***@example.com）· 已试 5 次');
    expect(container.querySelector('.delivery-channel')?.textContent).toBe('邮件');
    fireEvent.click(container.querySelector('.retry-delivery')!);
    await screen.findByText('没有发送失败的消息');
    expect(asked).toEqual(['failed', 'failed']);
  });
});
