// A fake Aliyun SMS service (Dysmsapi SendSms) on node:http. It checks every request's signature itself, from
// Aliyun's documented V3 algorithm (ACS3-HMAC-SHA256, help.aliyun.com "V3版本请求体&签名机制"), written out here on
// purpose rather than borrowed from the SDK or the adapter, and records the messages it accepts.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSms {
  id: string;
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | undefined;
}

export interface FakeSmsServer {
  url: string;
  messages: FakeSms[];
  /** Every request that reached the server, accepted or not: its action and the answer's Code. */
  requests: { action: string | undefined; status: number; code: string }[];
  /** Answer the next `times` requests with HTTP `status` (e.g. 500) and a JSON error. */
  failNext(status: number, times?: number, code?: string): void;
  /** Answer the next request with HTTP 200 and this Code in the body (e.g. "isv.BUSINESS_LIMIT_CONTROL"). */
  answerNext(code: string): void;
  close(): Promise<void>;
}

/** RFC 3986 percent-encoding, as the V3 signature wants it: unreserved characters stay, space is %20. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function parseAuthorization(header: string | undefined): { algorithm: string; credential: string; signedHeaders: string[]; signature: string } | null {
  const match = /^(\S+)\s+(.*)$/.exec(header ?? '');
  if (!match) return null;
  const fields = Object.fromEntries(
    match[2]!.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return null;
  return { algorithm: match[1]!, credential: fields.Credential, signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature };
}

function queryPairs(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery.split('&').map((part) => {
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    return [decodeURIComponent(key.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))];
  });
}

/** The canonical request of the V3 signature. */
function canonicalRequest(req: IncomingMessage, rawQuery: string, path: string, signedHeaders: string[], payloadHash: string): string {
  const canonicalUri = path.split('/').map((segment) => percentEncode(decodeURIComponent(segment))).join('/') || '/';
  const canonicalQuery = queryPairs(rawQuery)
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map((name) => {
      const value = req.headers[name];
      return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim()}\n`;
    })
    .join('');
  return [req.method ?? 'GET', canonicalUri, canonicalQuery, canonicalHeaders, [...signedHeaders].sort().join(';'), payloadHash].join('\n');
}

export async function startFakeAliyunSms(options: {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}): Promise<FakeSmsServer> {
  const messages: FakeSms[] = [];
  const requests: FakeSmsServer['requests'] = [];
  const noncesSeen = new Set<string>();
  let failure: { status: number; times: number; code: string } | undefined;
  let nextCode: string | undefined;

  const answer = (res: ServerResponse, action: string | undefined, status: number, body: Record<string, unknown>) => {
    requests.push({ action, status, code: String(body.Code) });
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...body }));
  };

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const action = req.headers['x-acs-action'] as string | undefined;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const refuse = (status: number, code: string, message: string) => answer(res, action, status, { Code: code, Message: message });

    // 1. The signature, before anything else is believed.
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return refuse(400, 'MissingAuthorization', 'Authorization is mandatory for this action.');
    if (auth.algorithm !== 'ACS3-HMAC-SHA256') return refuse(400, 'InvalidSignatureMethod', `Unsupported algorithm ${auth.algorithm}`);
    if (auth.credential !== options.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const required = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    for (const name of required) {
      if (!auth.signedHeaders.includes(name) || req.headers[name] === undefined) return refuse(400, 'IncompleteSignature', `The header ${name} must be signed.`);
    }
    const payloadHash = String(req.headers['x-acs-content-sha256']);
    if (payloadHash !== sha256Hex(body)) return refuse(400, 'IncompleteSignature', 'x-acs-content-sha256 does not match the body.');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest(req, rawQuery, path, auth.signedHeaders, payloadHash))}`;
    const expected = createHmac('sha256', options.accessKeySecret).update(stringToSign).digest('hex');
    if (expected !== auth.signature) {
      return refuse(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.');
    }
    const date = Date.parse(String(req.headers['x-acs-date']));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = String(req.headers['x-acs-signature-nonce']);
    if (noncesSeen.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    noncesSeen.add(nonce);

    // 2. What the test asked for.
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return refuse(failure.status, failure.code, 'The request processing has failed due to some unknown error.');
    }

    // 3. The action itself.
    if (action !== 'SendSms' || req.headers['x-acs-version'] !== '2017-05-25') return refuse(400, 'InvalidAction.NotFound', `Unknown action ${action}`);
    const params = new Map(queryPairs(rawQuery));
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of queryPairs(body.toString('utf8'))) params.set(k, v);
    }
    const phoneNumbers = params.get('PhoneNumbers') ?? '';
    const signName = params.get('SignName') ?? '';
    const templateCode = params.get('TemplateCode') ?? '';
    if (nextCode) {
      const code = nextCode;
      nextCode = undefined;
      return answer(res, action, 200, { Code: code, Message: `forced ${code}` });
    }
    if (!/^1[3-9]\d{9}$/.test(phoneNumbers)) return answer(res, action, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (signName !== options.signName) return answer(res, action, 200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' });
    if (templateCode !== options.templateCode) return answer(res, action, 200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' });
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>;
    } catch {
      return answer(res, action, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法' });
    }
    for (const value of Object.values(templateParam)) {
      if (Array.from(String(value)).length > 35) return answer(res, action, 200, { Code: 'isv.PARAM_LENGTH_LIMIT', Message: '参数超出长度限制' });
    }
    const id = `${Date.now()}^${messages.length + 1}`;
    messages.push({ id, phoneNumbers, signName, templateCode, templateParam, outId: params.get('OutId') });
    return answer(res, action, 200, { Code: 'OK', Message: 'OK', BizId: id });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    failNext(status, times = 1, code = status >= 500 ? 'InternalError' : 'Forbidden') {
      failure = { status, times, code };
    },
    answerNext(code) {
      nextCode = code;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
