import { createRequire } from 'node:module';

/**
 * Loads a package where it is first used rather than when the server starts. The S3 client, PostgreSQL's driver,
 * the canvas and the QR encoder were loaded by every start, on PGlite and without a bucket or a drawing too. Each
 * is a CommonJS package, so it loads synchronously, once, at its first use.
 */
export const loadLater = createRequire(import.meta.url);
