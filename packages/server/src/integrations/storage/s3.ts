import type * as S3 from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { loadLater } from '../../load-later.ts';
import { checkKey, type FileStore, type StoredFile } from './file-store.ts';

export interface S3StoreConfig {
  bucket: string;
  /** An S3-compatible service's address (MinIO, Aliyun OSS, Tencent COS, …); AWS itself when unset. */
  endpoint?: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Addresses as <endpoint>/<bucket>/<key> rather than <bucket>.<endpoint>/<key> (MinIO needs it). */
  forcePathStyle: boolean;
}

/** The S3 client's package, loaded when a bucket is first used. */
export const s3Sdk = () => loadLater('@aws-sdk/client-s3') as typeof S3;

export function s3Client(config: S3StoreConfig): S3.S3Client {
  return new (s3Sdk().S3Client)({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Checksums only where S3 requires them: several S3-compatible services refuse the newer checksum headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Files in an S3-compatible bucket. PutObject stores an object whole or not at all, so nothing partial is
 * ever readable under a key.
 */
export class S3Store implements FileStore {
  readonly kind = 's3';
  private readonly client: S3.S3Client;

  constructor(private readonly config: S3StoreConfig) {
    this.client = s3Client(config);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.client.send(new (s3Sdk().PutObjectCommand)({ Bucket: this.config.bucket, Key: checkKey(key), Body: data, ContentType: contentType }));
  }

  async get(key: string): Promise<StoredFile | null> {
    try {
      const object = await this.client.send(new (s3Sdk().GetObjectCommand)({ Bucket: this.config.bucket, Key: checkKey(key) }));
      if (!(object.Body instanceof Readable)) throw new Error('the S3 client returned no stream');
      return { body: object.Body, size: object.ContentLength };
    } catch (error) {
      if (error instanceof s3Sdk().NoSuchKey) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.config.bucket, Key: checkKey(key) }));
  }
}
