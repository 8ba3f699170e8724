#!/usr/bin/env node
// `npx xiaocang …` runs the TypeScript command line through tsx, as `npm start` runs the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/xiaocang.ts');
