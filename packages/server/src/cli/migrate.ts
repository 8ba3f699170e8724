import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSync: config.pgliteSync });
const applied = await migrate(db);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
await db.close();
