// Email over SMTP with nodemailer. One transport per channel; each send opens its own connection (no pool), so a
// server that went away and came back is simply reached again on the next retry.
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { DeliveryError, type Channel, type OutgoingMessage } from '../channel.ts';
import { renderEmail } from './templates.ts';

export interface EmailConfig {
  /** SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
  smtpUrl: string;
  /** SMTP_FROM: e.g. "小仓 <noreply@example.com>". */
  from: string;
  /** PUBLIC_BASE_URL: where the email's "在小仓中查看" link points; no link without it. */
  publicBaseUrl?: string;
}

/** Timeouts in milliseconds: short, so a dead server fails the send (retryable) instead of holding a worker. */
export const EMAIL_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** `<key@xiaocang>`: the same on every retry, so mail clients and servers can drop a repeat. */
export function messageIdFor(key: string): string {
  const local = DOT_ATOM.test(key) ? key : createHash('sha256').update(key).digest('hex').slice(0, 40);
  return `<${local}@xiaocang>`;
}

const EMAIL_ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/** Connection trouble and 4xx answers pass; 5xx answers (a refused recipient, a refused message) stay refused. */
export function classifySmtpError(error: unknown): DeliveryError {
  const e = (error ?? {}) as SmtpError;
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail = e.message ?? String(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return new DeliveryError(`邮件服务器暂时拒收（${status}）：${detail}`, true, String(status), { cause: error });
  }
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    // The server's credentials are wrong: no fault of this message, and fixed by the operator, after which a retry works.
    return new DeliveryError(`邮件服务器登录失败：${detail}`, true, e.code, { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new DeliveryError(`邮件服务器拒收（${status}）：${detail}`, false, String(status), { cause: error });
  }
  return new DeliveryError(`无法连接邮件服务器：${detail}`, true, e.code, { cause: error });
}


export class EmailChannel implements Channel {
  readonly name = 'email' as const;
  /** Made with the first message: loading nodemailer at every start-up cost it a tenth of a second. */
  private transport: Promise<Transporter> | undefined;

  constructor(private readonly config: EmailConfig) {}

  private smtp(): Promise<Transporter> {
    return (this.transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({ url: this.config.smtpUrl, ...EMAIL_TIMEOUTS })));
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (!EMAIL_ADDRESS.test(message.to)) {
      throw new DeliveryError(`邮箱地址无效：${message.to}`, false, 'badAddress');
    }
    const rendered = renderEmail(message, this.config.publicBaseUrl);
    try {
      const info = await (await this.smtp()).sendMail({
        from: this.config.from,
        to: message.to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: messageIdFor(message.key),
        headers: { 'X-Xiaocang-Kind': message.kind },
      });
      const rejected = (info as { rejected?: unknown[] }).rejected ?? [];
      if (rejected.length > 0) throw new DeliveryError(`邮件服务器拒收收件人：${message.to}`, false, 'rejected');
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw classifySmtpError(error);
    }
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }
}
