#!/usr/bin/env node
// Runs the server (src/main.ts) from one bundle of its TypeScript, made by esbuild and kept in
// node_modules/.cache: loading some 300 modules through tsx cost seconds at every start. The bundle is made
// again whenever a file it was made from has changed, so a change to the sources is never served stale.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = path.resolve(SERVER_DIR, '../..');
// Under the server's folder, so that its packages resolve from the bundle as from its sources.
const CACHE_DIR = path.join(SERVER_DIR, 'node_modules/.cache/start');
const BUNDLE = path.join(CACHE_DIR, 'main.mjs');
/** Each file the bundle was made from, with the hash of its content then. */
const INPUTS = path.join(CACHE_DIR, 'inputs.json');

const hashOf = (content) => createHash('sha256').update(content).digest('base64url');

function hashOfFile(file) {
  try {
    return hashOf(readFileSync(file));
  } catch {
    return 'missing';
  }
}

/** Files that decide how the sources are read and resolved, besides the sources themselves. */
function settingsFiles() {
  const packages = ['domain', 'analytics', 'contracts', 'server'].map((name) => path.join(REPO_ROOT, 'packages', name, 'package.json'));
  return [fileURLToPath(import.meta.url), path.join(REPO_ROOT, 'package.json'), path.join(REPO_ROOT, 'tsconfig.json'), path.join(REPO_ROOT, 'tsconfig.base.json'), ...packages];
}

function bundleIsCurrent() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([file, hash]) => hashOfFile(file) === hash);
}

async function makeBundle() {
  const { build } = await import('esbuild');
  // Hashed before the build reads them: a file changed meanwhile makes the next start build again.
  const inputs = Object.fromEntries(settingsFiles().map((file) => [file, hashOfFile(file)]));
  const { outputFiles } = await build({
    entryPoints: [path.join(SERVER_DIR, 'src/main.ts')],
    outfile: BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Node reads the map at load; stack traces need only its mappings, and the sources are on disk beside it.
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'sources-only',
        setup(build) {
          // Installed packages are loaded by Node as before; only the workspace's TypeScript is bundled.
          build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@xiaocang/') ? undefined : { external: true }));
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            inputs[args.path] = hashOf(source);
            // Each module keeps its own address, for the files it reads next to itself (migrations, fonts).
            return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
          });
        },
      },
    ],
  });
  // Written aside and renamed into place: a server starting meanwhile never reads half a file.
  const replace = (file, content) => {
    writeFileSync(`${file}.${process.pid}`, content);
    renameSync(`${file}.${process.pid}`, file);
  };
  for (const { path: file, contents } of outputFiles) replace(file, contents);
  replace(INPUTS, JSON.stringify(inputs));
}

if (!bundleIsCurrent()) {
  mkdirSync(CACHE_DIR, { recursive: true });
  await makeBundle();
}
// Errors point at the TypeScript sources, not at the bundle.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(BUNDLE).href);
