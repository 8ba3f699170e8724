import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { s3Client, s3Sdk, type S3StoreConfig } from '../integrations/storage/s3.ts';

/** Where each shop's scheduled backups are kept, one file per shop day. */
export interface BackupShelf {
  /** Said in logs and the README: the folder, or s3://bucket/backups. */
  readonly where: string;
  /** Keeps the backup `write` makes (into the path it is given, whole or not at all) as the shop's of `day`. */
  put(shopId: string, day: string, write: (file: string) => Promise<void>): Promise<void>;
  /** The days of the shop's kept backups, oldest first. */
  days(shopId: string): Promise<string[]>;
  remove(shopId: string, day: string): Promise<void>;
}

const FILE = /^(\d{4}-\d{2}-\d{2})\.xcbackup$/;
const nameOf = (day: string) => `${day}.xcbackup`;

/** `<folder>/shop-<id>/<day>.xcbackup`. */
export class FolderShelf implements BackupShelf {
  constructor(readonly where: string) {}

  private folderOf(shopId: string) {
    return path.join(this.where, `shop-${shopId}`);
  }

  async put(shopId: string, day: string, write: (file: string) => Promise<void>): Promise<void> {
    await mkdir(this.folderOf(shopId), { recursive: true });
    await write(path.join(this.folderOf(shopId), nameOf(day)));
  }

  async days(shopId: string): Promise<string[]> {
    const names = await readdir(this.folderOf(shopId)).catch(() => []);
    return names.flatMap((name) => FILE.exec(name)?.[1] ?? []).sort();
  }

  async remove(shopId: string, day: string): Promise<void> {
    await rm(path.join(this.folderOf(shopId), nameOf(day)), { force: true });
  }
}

/**
 * `backups/shop-<id>/<day>.xcbackup` in the S3-compatible bucket the photos use. The file is made in a
 * temporary folder first and sent whole: PutObject stores it whole or not at all.
 */
export class BucketShelf implements BackupShelf {
  readonly where: string;
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    this.where = `s3://${config.bucket}/backups`;
    this.client = s3Client(config);
  }

  private prefixOf(shopId: string) {
    return `backups/shop-${shopId}/`;
  }

  async put(shopId: string, day: string, write: (file: string) => Promise<void>): Promise<void> {
    const folder = await mkdtemp(path.join(tmpdir(), 'xiaocang-backup-'));
    try {
      const file = path.join(folder, nameOf(day));
      await write(file);
      await this.client.send(
        new (s3Sdk().PutObjectCommand)({
          Bucket: this.config.bucket,
          Key: this.prefixOf(shopId) + nameOf(day),
          Body: createReadStream(file),
          ContentLength: (await stat(file)).size,
          ContentType: 'application/gzip',
        }),
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async days(shopId: string): Promise<string[]> {
    const days: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new (s3Sdk().ListObjectsV2Command)({ Bucket: this.config.bucket, Prefix: this.prefixOf(shopId), ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const day = FILE.exec(object.Key?.slice(this.prefixOf(shopId).length) ?? '')?.[1];
        if (day) days.push(day);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return days.sort();
  }

  async remove(shopId: string, day: string): Promise<void> {
    await this.client.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.config.bucket, Key: this.prefixOf(shopId) + nameOf(day) }));
  }
}
