import type { FastifyReply } from 'fastify';
import type { Sheet } from '../render/paint.ts';

/** A file in the answer, named for saving: an ASCII fallback and the UTF-8 name (RFC 6266), for Chinese names. */
export function sendFile(reply: FastifyReply, file: { contentType: string; data: Buffer | Uint8Array; fileName: string }, disposition: 'inline' | 'attachment' = 'inline') {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.data);
}

/** A painted sheet, inline (a browser or WeChat shows it), named after its bill or order and `suffix`. */
export function sendSheet(reply: FastifyReply, sheet: Sheet, suffix = '') {
  const fileName = `${sheet.name}${suffix}.${sheet.contentType === 'image/png' ? 'png' : 'pdf'}`;
  return sendFile(reply, { contentType: sheet.contentType, data: sheet.data, fileName });
}
