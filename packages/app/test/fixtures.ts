/** People and server answers shared by the unit tests. */
import Taro from '@tarojs/taro';
import { DEFAULT_STAFF_PERMISSIONS } from '@xiaocang/domain';
import { vi } from 'vitest';
import type { Bill, Me, StaffPermissions } from '../src/api/types';
import { writeToken } from '../src/api/token';
import { refreshMe } from '../src/state/session';

export function me(role: 'owner' | 'staff', permissions: Partial<StaffPermissions> = {}, id = '1'): Me {
  const stamp = '2026-11-22T00:00:00Z';
  return {
    user: { id, username: 'u', realName: 'U', role, status: 'active', createdAt: stamp, updatedAt: stamp, lastLoginAt: null },
    shop: { id: '1', name: 'S', staffPermissions: DEFAULT_STAFF_PERMISSIONS, allowNegativeStock: false, archiveAfterMonths: null, archivedBefore: null, createdAt: stamp, updatedAt: stamp },
    permissions: { ...DEFAULT_STAFF_PERMISSIONS, ...permissions },
  };
}

type Answer = { status: number; data: unknown } | 'network down';

/** Answers every request by its method and path (`GET /api/me`); a path nobody answers fails the test. */
export function serve(answer: (route: string, url: URL) => Answer | undefined) {
  const request = vi.mocked(Taro.request);
  request.mockReset();
  request.mockImplementation((async (options: { url: string; method: string }) => {
    const url = new URL(options.url, 'http://app.test');
    const route = `${options.method} ${url.pathname}`;
    const found = answer(route, url);
    if (found === undefined) throw new Error(`Nothing answers ${route}`);
    if (found === 'network down') throw { errMsg: 'request:fail' };
    return { statusCode: found.status, data: found.data, header: {}, errMsg: '' };
  }) as never);
  return request;
}

/** Signs `who` in as the app would after a login: a token, then /api/me. */
export async function signIn(who: Me): Promise<void> {
  writeToken('t0k');
  serve((route) => (route === 'GET /api/me' ? { status: 200, data: who } : undefined));
  await refreshMe();
}

/** A posted sale of four items, with whatever differs. */
export const billOf = (overrides: Partial<Bill> = {}): Bill => ({
  id: '1',
  billNo: 'OUT202612020001',
  direction: 'out',
  kind: 'normal',
  billType: '销售出库',
  billDate: '2026-12-02',
  stockPointId: '1',
  stockPointName: '默认仓库',
  supplierId: null,
  supplierName: null,
  customerId: null,
  customerName: null,
  totalQuantity: '4.000',
  totalAmount: '496.00',
  totalCost: '40.00',
  valuation: 'price',
  paymentAccountId: null,
  paymentAccountName: null,
  remarks: '',
  attachments: [],
  status: 'confirmed',
  approvalStatus: null,
  approvedBy: null,
  approvedAt: null,
  rejectedReason: null,
  confirmedBy: '1',
  confirmedAt: null,
  reversalOfId: null,
  reversalOfBillNo: null,
  reversedById: null,
  reversedByBillNo: null,
  transferPeerId: null,
  createdBy: '1',
  createdByName: '店主',
  createdAt: '2026-12-02T01:00:00.000Z',
  updatedAt: '2026-12-02T01:00:00.000Z',
  ...overrides,
});
