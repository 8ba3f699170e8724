import { describe, expect, it } from 'vitest';
import { shippingInfoRequest, wechatShipmentProblem, type ShipmentForWechat } from './wechat-shipping.ts';

const parcel: ShipmentForWechat = {
  transactionId: '4200001234202612021234567890',
  payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  carrier: '顺丰',
  trackingNo: 'SF1234567890',
  items: '可乐×2；雪碧×1',
  receiverPhone: '13812345678',
  shippedAt: new Date('2026-12-02T16:30:00Z'),
  allDelivered: true,
  firstShipment: true,
};

describe('the WeChat shipping-info upload', () => {
  it('tells a whole order sent at once as one delivery, by transaction, with the masked phone SF asks for', () => {
    expect(shippingInfoRequest(parcel)).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200001234202612021234567890' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '可乐×2；雪碧×1', contact: { receiver_contact: '138****5678' } }],
      upload_time: '2026-12-03T00:30:00+08:00',
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
  });

  it('tells parcels of a split order as split, the last one as all delivered', () => {
    expect(shippingInfoRequest({ ...parcel, allDelivered: false })).toMatchObject({ delivery_mode: 2, is_all_delivered: false });
    expect(shippingInfoRequest({ ...parcel, firstShipment: false })).toMatchObject({ delivery_mode: 2, is_all_delivered: true });
  });

  it('keeps what a parcel holds within 120 characters, and names a carrier WeChat does not know', () => {
    const long = shippingInfoRequest({ ...parcel, items: '好'.repeat(130) });
    expect(Array.from(long.shipping_list[0]!.item_desc)).toHaveLength(120);
    expect(wechatShipmentProblem({ carrier: '中通' })).toBeNull();
    expect(wechatShipmentProblem({ carrier: '其他' })).toContain('手动录入');
  });
});
