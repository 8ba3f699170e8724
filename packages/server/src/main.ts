import { readConfig } from './config.ts';
import { DataFolderError } from './db/pglite-folder.ts';
import { restoreAdvice } from './jobs/check-books.ts';
import { startServer } from './start.ts';

const config = readConfig();
const server = await startServer(config).catch((error: unknown) => {
  if (!(error instanceof DataFolderError)) throw error;
  // PostgreSQL refuses a folder it cannot recover: say so plainly rather than with a stack trace.
  process.stderr.write(`\n${error.message}\nXiaocang did not start: the folder is damaged.\n${restoreAdvice(error.dataDir)}\n\n`);
  process.exit(1);
});
server.log.info(
  `Xiaocang is running at ${server.url} on ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir} (PGLITE_SYNC=${config.pgliteSync})`}`,
);
// Logs are written in batches; whoever waits for this line should not wait for the batch.
server.log.flush();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
