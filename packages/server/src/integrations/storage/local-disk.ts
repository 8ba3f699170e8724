import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkKey, type FileStore, type StoredFile } from './file-store.ts';

/**
 * Files in a folder (by default `uploads` in the data folder). A file is written to a temporary name beside
 * its place, flushed to the disk and renamed into place: a process killed mid-write leaves at most a
 * `.tmp-…` file, never a partial file under a real key.
 */
export class LocalDiskStore implements FileStore {
  readonly kind = 'local';
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${path.dirname(target)}/.tmp-${randomBytes(8).toString('hex')}`;
    try {
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(data);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const file = this.pathOf(key);
    const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return found ? { body: createReadStream(file), size: found.size } : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
