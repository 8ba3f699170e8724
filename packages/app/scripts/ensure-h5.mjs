#!/usr/bin/env node
// Builds the H5 web app when packages/app/dist-h5 is missing, so that the server always has an app to serve.
// An existing build is left alone: run `npm run build:app` to rebuild after changing the app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const index = fileURLToPath(new URL('../dist-h5/index.html', import.meta.url));

if (!existsSync(index)) {
  console.log('packages/app/dist-h5 is missing: building the web app once (about a minute)…');
  // A production build whoever calls it: under a test runner NODE_ENV is "test", which builds a different, unsplit app.
  const env = { ...process.env, CI: 'true', NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', 'build:h5'], { cwd: appDir, stdio: 'inherit', env });
  if (result.status !== 0 || !existsSync(index)) {
    console.error('Building the web app failed.');
    process.exit(result.status || 1);
  }
}
