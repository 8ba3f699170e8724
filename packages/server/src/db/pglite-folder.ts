import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * How the PGlite data folder reaches the disk (`PGLITE_SYNC`):
 * - `commit`: each commit is flushed to the disk (fsync of the WAL) before the transaction returns, as on a
 *   PostgreSQL server; checkpoints flush the data files. A power cut loses nothing acknowledged.
 * - `periodic`: commits are written at once but flushed about once a second; a power cut may lose the last
 *   second's commits, never the folder (PostgreSQL's `synchronous_commit = off`).
 * - `off`: PGlite's own setting (`fsync = off`): nothing is ever flushed; a power cut may lose anything and
 *   leave a folder that PostgreSQL cannot start from.
 */
export const PGLITE_SYNC_SETTINGS = ['commit', 'periodic', 'off'] as const;
export type PgliteSync = (typeof PGLITE_SYNC_SETTINGS)[number];

export function pgliteSyncSetting(value = process.env.PGLITE_SYNC): PgliteSync {
  if (!value) return 'commit';
  if ((PGLITE_SYNC_SETTINGS as readonly string[]).includes(value)) return value as PgliteSync;
  throw new Error(`PGLITE_SYNC must be one of ${PGLITE_SYNC_SETTINGS.join(', ')}, not "${value}"`);
}

/** How often `periodic` flushes what was committed since the last flush. */
export const PERIODIC_FLUSH_MS = 1000;

/** Flushes the WAL if anything was written since the last flush: a tiny WAL record written with flush. */
export const FLUSH_IF_WRITTEN = `SELECT CASE WHEN pg_current_wal_insert_lsn() > pg_current_wal_flush_lsn()
                                       THEN pg_logical_emit_message(false, 'xiaocang.flush', '', true) END`;

/** PostgreSQL refused to start on the folder; `postgresLog` holds its last words (FATAL, PANIC). */
export class DataFolderError extends Error {
  constructor(
    readonly dataDir: string,
    readonly postgresLog: string[],
    cause: unknown,
  ) {
    const said = postgresLog.filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
    super(`PostgreSQL could not start on the data folder ${dataDir}: ${said.length ? said.join(' / ') : String(cause)}`, { cause });
  }
}

/**
 * Opens PGlite on a data folder, flushed to the disk as `sync` says, with PostgreSQL's own words when it
 * refuses the folder.
 */
export async function openFolderPglite(dataDir: string, sync: PgliteSync, options: PGliteOptions, newFolder: () => Promise<string>): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await copyFolder(await newFolder(), dataDir, sync !== 'off');
  const params = startParams(sync, sharedBuffersSetting(dataDir));
  const postgresLog: string[] = [];
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...options,
      ...(sync === 'off' ? { dataDir } : { fs: new FlushingNodeFS(dataDir) }),
      startParams: params,
      onStderr: (line: string) => {
        postgresLog.push(line);
        return false;
      },
    });
  } catch (error) {
    throw new DataFolderError(dataDir, postgresLog, error);
  }
  postgresLog.length = 0;
  return pglite;
}

const PGLITE_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '../package.json'), 'utf8'),
).version;
const TEMPLATES = fileURLToPath(new URL('../../node_modules/.cache/data-folders/', import.meta.url));

/**
 * A data folder made by `make` once per PGlite version and `name`, and kept (in node_modules/.cache) to be
 * copied into new data folders: PGlite's initdb alone took most of a first start (5–7 s on a busy 2-core
 * machine), a copy a fraction of a second. Those of other names or versions are removed when one is made.
 */
export async function templateFolder(name: string, make: (folder: string) => Promise<void>): Promise<string> {
  const folder = path.join(TEMPLATES, `pglite-${PGLITE_VERSION}-${name}`);
  if (fs.existsSync(path.join(folder, 'PG_VERSION'))) return folder;
  // Made aside and renamed into place, so that a server starting meanwhile never copies half of it.
  const making = `${folder}.${process.pid}`;
  fs.rmSync(making, { recursive: true, force: true });
  fs.mkdirSync(making, { recursive: true });
  await make(making);
  try {
    fs.renameSync(making, folder);
  } catch (error) {
    fs.rmSync(making, { recursive: true, force: true });
    // Another server made it first.
    if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) throw error;
  }
  for (const other of fs.readdirSync(TEMPLATES)) {
    if (other !== path.basename(folder) && !/\.\d+$/.test(other)) fs.rmSync(path.join(TEMPLATES, other), { recursive: true, force: true });
  }
  return folder;
}

/**
 * Copies a template into a new data folder, PG_VERSION last and, with `flush`, only once the rest is on
 * the disk: a copy cut short is not taken for a data folder.
 */
async function copyFolder(from: string, to: string, flush: boolean): Promise<void> {
  const marker = path.join(from, 'PG_VERSION');
  await copyFiles(from, to, (source) => source !== marker);
  if (flush) flushFolder(to);
  fs.copyFileSync(marker, path.join(to, 'PG_VERSION'));
  if (flush) {
    flushPath(path.join(to, 'PG_VERSION'));
    flushPath(to);
  }
}

/** Emscripten's file node: one object per path, whichever stream opened it. */
type FileNode = object;
interface NodeStream {
  nfd: number;
  node: FileNode;
}
interface SizeChange {
  size?: number;
}
interface EmscriptenNodeFs {
  stream_ops: {
    fsync?: (stream: NodeStream) => number;
    llseek(stream: NodeStream, offset: number, whence: number): number;
    write(stream: NodeStream, buffer: Uint8Array, offset: number, length: number, position: number): number;
    setattr(stream: NodeStream, change: SizeChange): void;
  };
  node_ops: { setattr(node: FileNode, change: SizeChange): void };
  tryFSOperation<T>(operation: () => T): T;
}

const SEEK_END = 2;

/**
 * PostgreSQL asks a relation's size with lseek(SEEK_END) whenever it scans or extends it, about 80 times a posted
 * bill; NODEFS answers each with an fstat() system call, 0.6 ms a bill on a 2-core virtual machine. The size of
 * each file is kept from the first answer on, moved on by every write past its end and forgotten on every
 * truncation. Only this process writes the folder (PGlite holds it alone), and every write and truncation passes
 * through these operations; sizes are kept by file node, which every stream on one path shares.
 */
function keepFileSizes(nodefs: EmscriptenNodeFs): void {
  const sizes = new WeakMap<FileNode, number>();
  const { stream_ops: streams, node_ops: nodes } = nodefs;
  const { llseek, write, setattr } = streams;
  const setNodeAttr = nodes.setattr;
  streams.llseek = (stream, offset, whence) => {
    const size = whence === SEEK_END ? sizes.get(stream.node) : undefined;
    if (size !== undefined && offset + size >= 0) return offset + size;
    const position = llseek(stream, offset, whence);
    if (whence === SEEK_END && offset === 0) sizes.set(stream.node, position);
    return position;
  };
  streams.write = (stream, buffer, offset, length, position) => {
    const written = write(stream, buffer, offset, length, position);
    const size = sizes.get(stream.node);
    if (size !== undefined && position + written > size) sizes.set(stream.node, position + written);
    return written;
  };
  streams.setattr = (stream, change) => {
    if (change.size !== undefined) sizes.delete(stream.node);
    setattr(stream, change);
  };
  nodes.setattr = (node, change) => {
    if (change.size !== undefined) sizes.delete(node);
    setNodeAttr(node, change);
  };
}

/**
 * PGlite's Node file system writes straight into the folder but answers PostgreSQL's fsync() with nothing:
 * Emscripten's NODEFS has no fsync, so no flush ever reached the kernel. This one passes each fsync() on
 * to the file. (PostgreSQL's fdatasync() goes to a no-op Emscripten cannot reroute, hence
 * `wal_sync_method = fsync`.)
 */
class FlushingNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
    const { emscriptenOpts } = await super.init(pg, options);
    const passFsyncOn = (mod: { NODEFS: unknown }) => {
      const nodefs = mod.NODEFS as EmscriptenNodeFs | undefined;
      if (!nodefs?.stream_ops || typeof nodefs.tryFSOperation !== 'function') {
        throw new Error('This PGlite has no Emscripten NODEFS to pass fsync on to: the data folder could not be made durable');
      }
      nodefs.stream_ops.fsync = (stream) => {
        nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd));
        return 0;
      };
      keepFileSizes(nodefs);
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), passFsyncOn] } };
  }
}

/** PGlite's start parameters: with fsync on unless `off` (PGlite's own defaults pass `-F`, fsync off), and the shared buffers. */
export function startParams(sync: PgliteSync, sharedBuffers: string): string[] {
  const durable =
    sync === 'off' ? [] : ['-c', 'fsync=on', '-c', 'wal_sync_method=fsync', '-c', `synchronous_commit=${sync === 'commit' ? 'on' : 'off'}`];
  return [...PGlite.defaultStartParams.filter((param) => sync === 'off' || param !== '-F'), ...durable, '-c', `shared_buffers=${sharedBuffers}`];
}

const MEGABYTE = 1024 * 1024;
/** PostgreSQL's own default: the most a data folder gets unless PGLITE_SHARED_BUFFERS says otherwise. */
const MOST_SHARED_BUFFERS_MB = 128;
/** Enough for the catalogs and a small shop's tables and indexes; also what a database in memory gets. */
export const LEAST_SHARED_BUFFERS_MB = 32;

/**
 * PGlite's shared buffers: PGLITE_SHARED_BUFFERS (a PostgreSQL size such as `256MB`), or by default the size of
 * the folder's tables, between 32 and 128 MB. PGlite zeroes its whole pool in WebAssembly at every start, about
 * 3.5 ms a megabyte on a 2-core machine: PostgreSQL's default of 128 MB took 0.45 s of a start on a folder whose
 * tables were 25 MB. A pool larger than the tables only holds nothing; past it, pages come from the kernel's cache.
 */
export function sharedBuffersSetting(dataDir: string | undefined, value = process.env.PGLITE_SHARED_BUFFERS): string {
  if (value) {
    if (!/^[1-9]\d*(kB|MB|GB)$/.test(value)) throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 64MB or 1GB, not "${value}"`);
    return value;
  }
  const tablesMb = dataDir ? Math.ceil(folderBytes(path.join(dataDir, 'base')) / MEGABYTE) : 0;
  return `${Math.min(MOST_SHARED_BUFFERS_MB, Math.max(LEAST_SHARED_BUFFERS_MB, tablesMb))}MB`;
}

function folderBytes(folder: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const target = path.join(folder, entry.name);
    if (entry.isDirectory()) bytes += folderBytes(target);
    else if (entry.isFile()) bytes += fs.statSync(target).size;
  }
  return bytes;
}

/** Copies a folder's files, all at once: a thousand small files one after the other took a second. */
async function copyFiles(from: string, to: string, wanted: (source: string) => boolean): Promise<void> {
  await fs.promises.mkdir(to, { recursive: true });
  const entries = await fs.promises.readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) return copyFiles(source, target, wanted);
      return wanted(source) ? fs.promises.copyFile(source, target) : undefined;
    }),
  );
}

/** Flushes every file and folder once, so that what PostgreSQL's own flushes build on is on the disk too. */
function flushFolder(folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const target = path.join(folder, entry.name);
    if (entry.isDirectory()) flushFolder(target);
    else if (entry.isFile()) flushPath(target);
  }
  flushPath(folder);
}

function flushPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
