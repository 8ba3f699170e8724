import type { Session } from '@xiaocang/contracts';
import type { Database } from '../../db/database.ts';
import { AppError, invalidState } from '../../errors.ts';
import type { OutsideChannels } from '../notifications/outside-channels.ts';
import { openSession } from './open-session.ts';

/**
 * Signs in the user whose WeChat account sent this mini-program login code: the server exchanges the code
 * with WeChat itself, so the openid is WeChat's word, never the client's. An account is bound once, after a
 * password sign-in (通知设置 → 绑定微信); an unbound WeChat account, or a user switched off, is refused.
 */
export async function loginWithWechat(db: Database, input: { code: string }, outside: OutsideChannels): Promise<Session> {
  if (!outside.codeToOpenId) throw invalidState('WeChat sign-in is not configured on this server (WECHAT_APPID, WECHAT_SECRET)');
  const openId = await outside.codeToOpenId(input.code);
  return db.transaction(async (tx) => {
    const [bound] = await tx.query<{ shop_id: string; user_id: string }>(
      `SELECT w.shop_id::text, w.user_id::text FROM wechat_logins w JOIN users u ON u.shop_id = w.shop_id AND u.id = w.user_id
        WHERE w.open_id = $1 AND u.status = 'active'`,
      [openId],
    );
    if (!bound) throw new AppError('UNAUTHENTICATED', 'No account is bound to this WeChat: sign in with your password, then bind WeChat (通知设置 → 绑定微信)');
    return openSession(tx, bound.shop_id, bound.user_id);
  });
}
