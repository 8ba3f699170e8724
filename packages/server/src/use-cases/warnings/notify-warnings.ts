import { warningMessage, type WarningKind, type WarningValues } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notifyUsers } from '../notifications/notify-users.ts';
import { warningRecipients } from './warning-recipients.ts';

export interface RaisedWarning {
  id: string;
  kind: WarningKind;
  productName: string;
  unit: string;
  values: WarningValues;
}

export const WARNING_PAGE = '/sub/notify/warnings/index';

/** Tells the shop's warning recipients of warnings just raised, in the transaction that raised them. */
export async function notifyWarnings(db: Queryable, shopId: string, raised: readonly RaisedWarning[]): Promise<void> {
  if (raised.length === 0) return;
  const recipients = (await warningRecipients(db, shopId)).filter((user) => user.receivesWarnings).map((user) => user.userId);
  for (const warning of raised) {
    const { title, detail } = warningMessage(warning.kind, { name: warning.productName, unit: warning.unit }, warning.values);
    await notifyUsers(db, shopId, recipients, {
      kind: 'warning',
      source: `warning:${warning.id}`,
      title,
      body: detail,
      page: WARNING_PAGE,
      subject: warning.productName,
      detail,
    });
  }
}
