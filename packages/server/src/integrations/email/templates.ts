// The email's words and layout: zh-CN, plain text plus an HTML part with the same content (every value escaped).
import type { OutgoingMessage } from '../channel.ts';

const KIND_LABELS: Record<string, string> = {
  warning: '库存预警',
  approvalRequest: '待审批',
  approvalResult: '审批结果',
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The app's address for an in-app path (the H5 app routes by hash), or undefined without a public address. */
export function appLink(publicBaseUrl: string | undefined, page: string | undefined): string | undefined {
  if (!publicBaseUrl || !page) return undefined;
  return `${publicBaseUrl.replace(/\/+$/, '')}/#${page.startsWith('/') ? page : `/${page}`}`;
}

export function renderEmail(message: OutgoingMessage, publicBaseUrl?: string): RenderedEmail {
  const label = KIND_LABELS[message.kind] ?? '通知';
  const link = appLink(publicBaseUrl, message.page);
  const { subject, detail, time } = message.fields;
  const bodyLines = message.body.split(/\r?\n/);

  const text = [
    message.title,
    '',
    ...bodyLines,
    '',
    `对象：${subject}`,
    `说明：${detail}`,
    `时间：${time}`,
    ...(link ? ['', `在小仓中查看：${link}`] : []),
    '',
    '—— 小仓 · 此邮件由系统自动发送，请勿直接回复。',
    '',
  ].join('\n');

  const facts = [
    ['对象', subject],
    ['说明', detail],
    ['时间', time],
  ]
    .map(
      ([name, value]) =>
        `<p style="margin:0 0 6px;font-size:14px;line-height:1.6;color:#333"><span style="display:inline-block;min-width:3em;color:#888">${escapeHtml(name!)}</span>${escapeHtml(value!)}</p>`,
    )
    .join('\n');
  const paragraphs = bodyLines
    .filter((line) => line.trim() !== '')
    .map((line) => `<p style="margin:0 0 8px;font-size:15px;line-height:1.7;color:#222">${escapeHtml(line)}</p>`)
    .join('\n');
  const button = link
    ? `<p style="margin:20px 0 0"><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#07c160;color:#fff;text-decoration:none;font-size:15px">在小仓中查看</a></p>`
    : '';

  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(message.title)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Microsoft YaHei','Noto Sans SC',sans-serif">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<div style="background:#fff;border-radius:10px;padding:24px;border-top:4px solid #07c160">
<p style="margin:0 0 4px;font-size:13px;color:#07c160;letter-spacing:1px">${escapeHtml(label)}</p>
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.4;color:#111">${escapeHtml(message.title)}</h1>
${paragraphs}
<div style="margin:16px 0 0;padding:12px 14px;background:#f7f8fa;border-radius:6px">
${facts}
</div>
${button}
</div>
<p style="margin:16px 4px 0;font-size:12px;line-height:1.6;color:#999">小仓 · 此邮件由系统自动发送，请勿直接回复。</p>
</div>
</body>
</html>
`;
  return { subject: message.title, text, html };
}
