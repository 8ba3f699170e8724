import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import { ForgedNotification } from '../../integrations/wechat-pay/wechat-pay.ts';
import { recordWechatEvent } from './record-wechat-event.ts';

/**
 * A notification from WeChat Pay for a shop. Believed only when signed by the WeChat Pay key, within five
 * minutes of our clock, and decryptable with the APIv3 key (otherwise 401 and nothing changes). Stored once by
 * its event id and applied in the same transaction (recordWechatEvent).
 */
export async function receiveWechatNotification(db: Database, payments: OnlinePayment, shopId: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
  const wechatPay = payments.wechatPay;
  if (!wechatPay) throw new AppError('NOT_FOUND', 'WeChat Pay is not configured on this server');
  let notification;
  try {
    notification = wechatPay.verifyNotification(headers, rawBody);
  } catch (error) {
    if (error instanceof ForgedNotification) throw new AppError('UNAUTHENTICATED', `Notification refused: ${error.message}`);
    throw error;
  }
  const [shop] = await db.query('SELECT 1 FROM shops WHERE id = $1', [shopId]);
  if (!shop) throw new AppError('NOT_FOUND', 'Shop not found');
  await recordWechatEvent(db, wechatPay, shopId, notification);
}
