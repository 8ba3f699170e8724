import type { Client } from './harness.ts';

/** A file as a browser's form sends it. */
export function multipart(data: Buffer, { field = 'file', fileName = 'photo.jpg', contentType = 'image/jpeg' } = {}) {
  const boundary = `----xiaocang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** POST /api/uploads of `data` for `purpose`, as the app's picker sends it. */
export const upload = (client: Client, data: Buffer, purpose = 'product', options: Parameters<typeof multipart>[1] = {}) => {
  const { body, headers } = multipart(data, options);
  return client.request('POST', `/api/uploads?purpose=${purpose}`, body, headers);
};

