import { BillShare, IdParams, Ok, PrintQuery, ShareBillRequest, SharedBill } from '@xiaocang/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf, pathId } from '../http/context.ts';
import { idempotent } from '../http/idempotency.ts';
import { PUBLIC_VIEW_LIMIT } from '../http/rate-limits.ts';
import { sendSheet } from '../http/send-file.ts';
import { billSheet, paintSheet } from '../use-cases/shares/bill-sheet.ts';
import { readSharedBill } from '../use-cases/shares/read-shared-bill.ts';
import { reissueShareToken, revokeBillShare, shareBill, type NewShare, type StoredShare } from '../use-cases/shares/share-bill.ts';
import { sharePath } from '../use-cases/shares/share-tokens.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

const tags = ['shares'];

const sendPage = (reply: FastifyReply, html: string) => reply.type('text/html; charset=utf-8').send(html);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a phone opening the link (or scanning the QR code) sees: the share image and the PDFs to download. */
function sharedPage(view: SharedBill, token: string): string {
  const title = escapeHtml(`${view.shopName} ${view.billType} ${view.billNo}`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title></head>
<body style="margin:0;background:#f2f3f5;font-family:sans-serif;text-align:center">
<img src="./${token}.png" alt="${title}" style="display:block;width:100%;max-width:750px;margin:0 auto;background:#fff">
<p style="padding:12px;line-height:2">下载 PDF：<a href="./${token}.pdf?layout=a4">A4</a> · <a href="./${token}.pdf?layout=80">80 mm 小票</a> · <a href="./${token}.pdf?layout=58">58 mm 小票</a></p>
</body></html>`;
}

/**
 * Share links of posted bills, and bills as images and PDFs. The public routes (/p/…) need no session, are
 * limited per address, and answer an unknown or revoked token with the usual 404.
 */
export const shareRoutes =
  (publicBaseUrl: string): RouteModule =>
  (app, db) => {
    const billId = (params: { id: string }) => pathId(params.id, 'Bill');
    const shareOf = (share: NewShare): BillShare => ({
      billId: share.billId,
      token: share.token,
      url: sharePath(share.token),
      link: `${publicBaseUrl}${sharePath(share.token)}`,
      showPrices: share.showPrices,
      createdAt: share.createdAt,
    });

    app.post('/api/bills/:id/share', { schema: { tags, params: IdParams, body: ShareBillRequest.nullable(), response: { 201: BillShare } } }, async (request, reply) => {
      const actor = actorOf(request);
      // No body at all (Fastify reads it as null) asks for the defaults.
      const input = { billId: billId(request.params), request: request.body ?? ShareBillRequest.parse({}) };
      // The Idempotency-Key keeps the share without its token; a retry gets the same share with a new token.
      return idempotent(
        db,
        actor,
        request,
        reply,
        async (tx) => {
          const { token, ...stored } = await shareBill(tx, actor, input);
          return { status: 201, body: shareOf({ token, ...stored }), stored: stored satisfies StoredShare };
        },
        async (tx, stored) => shareOf(await reissueShareToken(tx, actor, stored as StoredShare)),
      );
    });
    app.delete('/api/bills/:id/share', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (request, reply) =>
      writeOnce(db, request, reply, 200, revokeBillShare, billId(request.params)),
    );
    app.get('/api/bills/:id/share.png', { schema: { tags, params: IdParams } }, async (request, reply) =>
      sendSheet(reply, await billSheet(db, actorOf(request), { billId: billId(request.params), format: 'image' })),
    );
    app.get('/api/bills/:id/print.pdf', { schema: { tags, params: IdParams, querystring: PrintQuery } }, async (request, reply) => {
      const { layout } = request.query;
      return sendSheet(reply, await billSheet(db, actorOf(request), { billId: billId(request.params), format: layout }), layout === 'a4' ? '' : `-${layout}mm`);
    });

    // The public view: /p/bills/<token> (JSON, or a page for a browser), <token>.png, <token>.pdf?layout=a4|58|80.
    app.get(
      '/p/bills/:ref',
      {
        config: { rateLimit: PUBLIC_VIEW_LIMIT },
        schema: { tags, security: [], params: z.object({ ref: z.string() }), querystring: PrintQuery, response: { 200: SharedBill } },
      },
      async (request, reply) => {
        const [, token = request.params.ref, suffix] = /^([\w-]+)\.(png|pdf)$/.exec(request.params.ref) ?? [];
        reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
        const view = await readSharedBill(db, token);
        const link = `${publicBaseUrl}${sharePath(token)}`;
        if (suffix === 'png') return sendSheet(reply, await paintSheet(view, 'image', link));
        if (suffix === 'pdf') {
          const { layout } = request.query;
          return sendSheet(reply, await paintSheet(view, layout, link), layout === 'a4' ? '' : `-${layout}mm`);
        }
        const accept = request.headers.accept ?? '';
        if (accept.includes('text/html') && !accept.includes('application/json')) return sendPage(reply, sharedPage(view, token));
        return view;
      },
    );
  };
