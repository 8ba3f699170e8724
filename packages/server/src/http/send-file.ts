import type { FastifyReply } from 'fastify';

/** A file in the answer, named for saving: an ASCII fallback and the UTF-8 name (RFC 6266), for Chinese names. */
export function sendFile(reply: FastifyReply, file: { contentType: string; data: Buffer | Uint8Array; fileName: string }, disposition: 'inline' | 'attachment' = 'inline') {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.data);
}
