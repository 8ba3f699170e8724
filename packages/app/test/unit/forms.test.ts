import { describe, expect, it } from 'vitest';
import { checkBill, type Header, type LineDraft } from '../../src/lib/bill-form';
import { toBarGroups } from '../../src/lib/chart';
import { MASTER_KINDS, toFormValues, toRequestBody } from '../../src/lib/master-kinds';
import { decimal, maxLength, newPassword, required, username, validate } from '../../src/lib/validate';
import { translateServerMessage } from '../../src/api/messages';

const header: Header = { billType: '采购入库', billDate: '2026-11-22', stockPointId: '1', partyId: '', remarks: '', attachments: [] };
const line = (quantity: string, unitPrice = '1'): LineDraft => ({ productId: '9', name: '红茶', unit: '罐', code: null, quantity, unitPrice, cost: null });

describe('field rules', () => {
  it('reports the first failing rule per field', () => {
    const errors = validate(
      { name: '', password: 'short', price: '1.234', user: 'a b', months: '1.5' },
      { name: [required, maxLength(5)], password: [required, newPassword], price: [decimal(2)], user: [username], months: [decimal(0)] },
    );
    expect(errors).toEqual({ name: '必填', password: '至少 8 个字符', price: '请输入数字，最多 2 位小数', user: '3–32 位字母、数字或 _ . @ -', months: '请输入整数' });
    expect(validate({ price: '' }, { price: [decimal(2)] })).toEqual({});
  });

  it('warns of a weak new password before sending, in the words a server refusal is shown in', () => {
    expect(newPassword('        ')).toBe('太简单了：不要全是同一个字符或重复的几位');
    expect(newPassword('12345678')).toBe('太简单了：不要用 12345678、abcdefgh 这样的连续字符');
    expect(newPassword('woaini1314')).toBe('这个密码太常见，容易被猜到，请换一个');
    expect(newPassword('tea\u0000secret')).toBe('不能包含换行等特殊字符');
    expect(newPassword('tea-secret-1')).toBeNull();
    expect(translateServerMessage('is not your current password')).toBe('当前密码不对');
  });

  it('translates server messages it knows and keeps the rest', () => {
    expect(translateServerMessage('must be at most 80 characters')).toBe('最多 80 个字符');
    expect(translateServerMessage('must be between 0 and 999999999')).toBe('应在 0 到 999999999 之间');
    expect(translateServerMessage('code already exists')).toBe('已被占用');
    expect(translateServerMessage('something new')).toBe('something new');
  });
});

describe('bill form check', () => {
  it('names the same fields as the server', () => {
    expect(checkBill({ ...header, billType: '', stockPointId: '' }, [], true)).toEqual({
      billType: '请选择单据类型',
      stockPointId: '请选择库存点',
      lines: '请至少添加一个商品',
    });
    expect(checkBill(header, [line('0'), line('1.2345'), line('2', '1.23456'), line('2', '')], true)).toEqual({
      'lines.0.quantity': '数量须大于 0，最多 3 位小数',
      'lines.1.quantity': '数量须大于 0，最多 3 位小数',
      'lines.2.unitPrice': '单价最多 4 位小数',
    });
  });

  it('ignores prices the user may not see', () => {
    expect(checkBill(header, [line('2', 'abc')], false)).toEqual({});
  });
});

describe('monthly chart', () => {
  it('scales every bar to the largest figure of the year', () => {
    const groups = toBarGroups([
      { year: 2026, month: 1, salesAmount: '200.00', purchaseAmount: '50.00', salesCount: 1, purchaseCount: 1, outboundCount: 1, inboundCount: 1 },
      // A staff member who may not see purchase prices gets no purchase amount.
      { year: 2026, month: 2, salesAmount: '0.00', salesCount: 0, purchaseCount: 0, outboundCount: 0, inboundCount: 0 },
    ]);
    expect(groups).toEqual([
      { label: '1月', a: 1, b: 0.25 },
      { label: '2月', a: 0, b: 0 },
    ]);
  });
});

describe('master data forms', () => {
  it('round-trips a stock point through form strings', () => {
    const kind = MASTER_KINDS['stock-points']!;
    const values = toFormValues(kind, { id: '1', name: '总仓', status: 'active', code: null, address: '', isDefault: true });
    expect(values).toMatchObject({ name: '总仓', code: '', isDefault: 'true', status: 'active' });
    expect(toRequestBody(kind, { ...values, name: ' 总仓 ', code: ' ' })).toEqual({ name: '总仓', code: null, address: '', isDefault: true, status: 'active' });
  });

  it('sends service months of a customer as a number', () => {
    const kind = MASTER_KINDS.customers!;
    const body = toRequestBody(kind, { ...toFormValues(kind, null), name: '李四', serviceMonths: '12' });
    expect(body).toMatchObject({ name: '李四', serviceMonths: 12, status: 'active', code: null });
  });
});
