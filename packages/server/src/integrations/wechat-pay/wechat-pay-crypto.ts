// The cryptography of WeChat Pay API v3, on node:crypto: the merchant's request signature (the Authorization
// header), the check of WeChat Pay's signature on its responses and notifications, the decryption of a
// notification's resource (AEAD_AES_256_GCM with the APIv3 key), and the paySign of wx.requestPayment.
import { createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** A message of lines, each ended by "\n", as every v3 signature signs it. */
const signedMessage = (parts: readonly string[]) => parts.map((part) => `${part}\n`).join('');

export const rsaSign = (privateKey: KeyObject, parts: readonly string[]): string => createSign('RSA-SHA256').update(signedMessage(parts)).sign(privateKey, 'base64');

export const rsaVerify = (publicKey: KeyObject, parts: readonly string[], signature: string): boolean => {
  try {
    return createVerify('RSA-SHA256').update(signedMessage(parts)).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};

export const nonce = () => randomBytes(16).toString('hex');

/** The Authorization header of a request: the merchant signs method, path with query, timestamp, nonce and body. */
export function authorization(
  merchant: { mchid: string; serialNo: string; privateKey: KeyObject },
  request: { method: string; pathAndQuery: string; body: string; timestamp: number; nonceStr: string },
): string {
  const signature = rsaSign(merchant.privateKey, [request.method, request.pathAndQuery, String(request.timestamp), request.nonceStr, request.body]);
  return `${SIGNATURE_SCHEME} mchid="${merchant.mchid}",nonce_str="${request.nonceStr}",signature="${signature}",timestamp="${request.timestamp}",serial_no="${merchant.serialNo}"`;
}

/** WeChat Pay's signature over a response or notification body: timestamp, nonce and the body exactly as received. */
export const wechatPaySignatureParts = (timestamp: string, nonceStr: string, body: string) => [timestamp, nonceStr, body];

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

const TAG_BYTES = 16;

/** Decrypts a notification's resource: AES-256-GCM, the 16-byte tag at the end of the base64 ciphertext. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unknown algorithm ${resource.algorithm}`);
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** What wx.requestPayment takes, signed by the merchant over appId, timeStamp, nonceStr and package. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export function requestPaymentParams(privateKey: KeyObject, appId: string, prepayId: string, timestamp: number): RequestPaymentParams {
  const params = { appId, timeStamp: String(timestamp), nonceStr: nonce(), package: `prepay_id=${prepayId}`, signType: 'RSA' as const };
  return { ...params, paySign: rsaSign(privateKey, [params.appId, params.timeStamp, params.nonceStr, params.package]) };
}
