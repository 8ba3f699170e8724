import { readConfig } from './config.ts';
import { startServer } from './start.ts';

const config = readConfig();
const server = await startServer(config);
server.log.info(
  `Xiaocang is running at ${server.url} on ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}`,
);
// Logs are written in batches; whoever waits for this line should not wait for the batch.
server.log.flush();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
