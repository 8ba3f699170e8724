import path from 'node:path';
import type { FileStore } from './file-store.ts';
import { LocalDiskStore } from './local-disk.ts';
import { S3Store, type S3StoreConfig } from './s3.ts';
import { BucketShelf, FolderShelf, type BackupShelf } from '../../backup/backup-shelf.ts';

export interface UploadsConfig {
  store: FileStore;
  /** The largest file a client may send (UPLOAD_MAX_BYTES). */
  maxBytes: number;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const value = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

/**
 * The store the environment names: an S3-compatible bucket when S3_BUCKET is set (with S3_ACCESS_KEY_ID and
 * S3_SECRET_ACCESS_KEY, and S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE as the service needs), otherwise the
 * folder UPLOADS_DIR, by default `uploads` in the data folder. A bucket half configured stops the start:
 * files written to the wrong place would be lost to the shops later.
 */
export function uploadsConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): UploadsConfig {
  const maxBytes = Number(value(env, 'UPLOAD_MAX_BYTES') ?? DEFAULT_UPLOAD_MAX_BYTES);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1024) throw new Error('UPLOAD_MAX_BYTES must be a whole number of bytes, at least 1024');
  const bucket = s3ConfigFromEnv(env);
  return { maxBytes, store: bucket ? new S3Store(bucket) : new LocalDiskStore(path.resolve(value(env, 'UPLOADS_DIR') ?? path.join(dataDir, 'uploads'))) };
}

/** The bucket S3_BUCKET names, or none. */
function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3StoreConfig | undefined {
  const bucket = value(env, 'S3_BUCKET');
  if (!bucket) return undefined;
  const accessKeyId = value(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = value(env, 'S3_SECRET_ACCESS_KEY');
  if (!accessKeyId || !secretAccessKey) throw new Error('S3_BUCKET is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are needed too');
  return {
    bucket,
    endpoint: value(env, 'S3_ENDPOINT'),
    region: value(env, 'S3_REGION') ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: value(env, 'S3_FORCE_PATH_STYLE') === '1' || value(env, 'S3_FORCE_PATH_STYLE') === 'true',
  };
}

/** Where scheduled backups go: the folder named (BACKUP_DIR), else the bucket when there is one, else `backups` in the data folder. */
export function backupShelfOf(folder: string | undefined, env: NodeJS.ProcessEnv, dataDir: string): BackupShelf {
  const bucket = folder ? undefined : s3ConfigFromEnv(env);
  return bucket ? new BucketShelf(bucket) : new FolderShelf(path.resolve(folder ?? path.join(dataDir, 'backups')));
}
