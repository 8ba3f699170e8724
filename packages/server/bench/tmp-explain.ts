import { readFileSync } from 'node:fs';
import { openPglite } from '../src/db/database.ts';
const db = await openPglite(process.argv[2]!);
const sql = readFileSync(process.argv[3]!, 'utf8');
for (const stmt of sql.split(';;')) {
  if (!stmt.trim()) continue;
  const t = performance.now();
  const rows = await db.query<Record<string, string>>(stmt);
  console.log(rows.map((r) => Object.values(r).join(' | ')).slice(0, 60).join('\n'));
  console.log('--', Math.round(performance.now() - t), 'ms');
}
await db.close();
