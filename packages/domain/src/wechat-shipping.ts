import { shopTimestamp } from './calendar.ts';
import { maskedPhone } from './shown.ts';

// WeChat's shipping-info upload (发货信息管理, POST /wxa/sec/order/upload_shipping_info): a mini-program that takes
// WeChat Pay must tell WeChat each parcel it sends, or its payments may be held. One request per shipment.

/** The shop's carriers as WeChat names them (its delivery company list). 其他 has no code: it cannot be uploaded. */
export const WECHAT_EXPRESS_CODES: Record<string, string> = {
  顺丰: 'SF',
  中通: 'ZTO',
  圆通: 'YTO',
  韵达: 'YD',
  申通: 'STO',
  京东: 'JD',
  EMS: 'EMS',
  极兔: 'JTSD',
};

export interface ShipmentForWechat {
  transactionId: string;
  payerOpenId: string;
  carrier: string;
  trackingNo: string;
  /** What the parcel holds, e.g. "可乐×2；雪碧×1". */
  items: string;
  receiverPhone: string;
  shippedAt: Date;
  /** This shipment and the ones before it send the whole order; the first alone did (统一发货) or not (分拆发货). */
  allDelivered: boolean;
  firstShipment: boolean;
}

/** Why a shipment cannot be told to WeChat, in words for the merchant, or null when it can. */
export function wechatShipmentProblem(shipment: Pick<ShipmentForWechat, 'carrier'>): string | null {
  return WECHAT_EXPRESS_CODES[shipment.carrier] ? null : `微信的快递公司列表里没有“${shipment.carrier}”：请在小程序后台的发货信息管理中手动录入`;
}

/** The body of upload_shipping_info for one shipment of an order paid with WeChat Pay. */
export function shippingInfoRequest(shipment: ShipmentForWechat) {
  const split = !(shipment.firstShipment && shipment.allDelivered);
  return {
    order_key: { order_number_type: 2, transaction_id: shipment.transactionId },
    logistics_type: 1,
    delivery_mode: split ? 2 : 1,
    ...(split ? { is_all_delivered: shipment.allDelivered } : {}),
    shipping_list: [
      {
        tracking_no: shipment.trackingNo,
        express_company: WECHAT_EXPRESS_CODES[shipment.carrier],
        item_desc: Array.from(shipment.items).slice(0, 120).join(''),
        // WeChat asks for the phone masked: the first three and last four digits.
        contact: { receiver_contact: maskedPhone(shipment.receiverPhone) },
      },
    ],
    upload_time: shopTimestamp(shipment.shippedAt),
    payer: { openid: shipment.payerOpenId },
  };
}
