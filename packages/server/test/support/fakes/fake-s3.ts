// A fake S3-compatible object store on node:http, path-style (/<bucket>/<key>), with the three calls the
// server makes: PutObject, GetObject, DeleteObject and ListObjectsV2 (one page). It checks that each request is signed (AWS SigV4
// header with the expected access key), keeps objects in memory and records every request it answered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3StoreConfig } from '../../../src/integrations/storage/s3.ts';

export interface FakeS3Request {
  method: string;
  bucket: string;
  key: string;
  status: number;
}

export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** What the server's S3 clients need to reach this bucket. */
  config: S3StoreConfig;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: FakeS3Request[];
  /** After `skip` more successful PutObject calls, the next `times` are answered 500 InternalError. */
  failPuts(times: number, skip?: number): void;
  close(): Promise<void>;
}

const xmlError = (res: ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fake</RequestId></Error>`);
};

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3(options: { bucket?: string; accessKeyId?: string; secretAccessKey?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'xiaocang-test';
  const accessKeyId = options.accessKeyId ?? 'FAKEACCESSKEY0000001';
  const secretAccessKey = options.secretAccessKey ?? 'fake-secret-key-0123456789';
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: FakeS3Request[] = [];
  let failingPuts = 0;
  let putsBeforeFailing = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const [, requestBucket = '', ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const answer = (status: number) => requests.push({ method: req.method ?? '', bucket: requestBucket, key, status });
      const authorization = req.headers.authorization ?? '';
      if (!authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`) || !req.headers['x-amz-date']) {
        answer(403);
        return xmlError(res, 403, 'AccessDenied', 'The request is not signed with the expected key');
      }
      if (requestBucket !== bucket) {
        answer(404);
        return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      }
      if (req.method === 'PUT') {
        const body = await bodyOf(req);
        if (failingPuts > 0 && putsBeforeFailing > 0) putsBeforeFailing -= 1;
        else if (failingPuts > 0) {
          failingPuts -= 1;
          answer(500);
          return xmlError(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
        }
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
        answer(200);
        res.writeHead(200, { etag: `"${body.length}"` });
        return res.end();
      }
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...objects.keys()].filter((name) => name.startsWith(prefix)).sort();
        answer(200);
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix>` +
            `<KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
            keys.map((name) => `<Contents><Key>${name}</Key><Size>${objects.get(name)!.body.length}</Size></Contents>`).join('') +
            '</ListBucketResult>',
        );
      }
      if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) {
          answer(404);
          return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        answer(200);
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length });
        return res.end(object.body);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        answer(204);
        res.writeHead(204);
        return res.end();
      }
      answer(405);
      return xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    config: { bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: true },
    objects,
    requests,
    failPuts(times, skip = 0) {
      failingPuts = times;
      putsBeforeFailing = skip;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
