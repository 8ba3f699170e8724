export { buildServer, type ServerOptions } from './app.ts';
export { readConfig, type ServerConfig } from './config.ts';
export { openDatabase, type Database } from './db/database.ts';
export { migrate } from './db/migrate.ts';
export { startServer, type RunningServer } from './start.ts';
