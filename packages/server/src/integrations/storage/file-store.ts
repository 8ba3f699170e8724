import type { Readable } from 'node:stream';

/** A stored file as it is read back: its bytes as a stream, and its size when the store knows it. */
export interface StoredFile {
  body: Readable;
  size: number | undefined;
}

/**
 * Where uploaded files live: the data folder (default) or an S3-compatible bucket. Keys are
 * `<shop id>/<token>[-thumb].jpg`; a put is whole or absent, never half a file under its key.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file, or null when there is none under the key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; a key with no file is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are made by the server from ids and tokens, never from a client's words: anything else is a bug. */
export function checkKey(key: string): string {
  if (!/^\d{1,18}\/[\w-]{22,64}(-thumb)?\.jpg$/.test(key)) throw new Error(`not a file key: ${key}`);
  return key;
}
