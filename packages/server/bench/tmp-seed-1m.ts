import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { registerShop } from '../src/use-cases/accounts/register-shop.ts';
import { seedHistory } from './seed-history.ts';
import { shopDay } from '@xiaocang/domain';
const dir = process.argv[2]!;
const db = await openPglite(dir);
await migrate(db);
const s = await registerShop(db, { shopName: '报表测速', username: `rep${Date.now()}`, password: 'password123', realName: '店主' });
const shopId = s.shop.id;
await db.query(`INSERT INTO categories (shop_id, name) SELECT $1, '分类 ' || n FROM generate_series(1, 20) n`, [shopId]);
await db.query(`INSERT INTO products (shop_id, name, code, unit, inbound_price, outbound_price, category_id)
  SELECT $1, '商品 ' || n, 'P' || lpad(n::text, 5, '0'), '个', 1 + n % 97 + 0.25, (1 + n % 97 + 0.25) * 1.5,
         (SELECT id FROM categories WHERE shop_id = $1 ORDER BY id OFFSET n % 20 LIMIT 1) FROM generate_series(1, 2000) n`, [shopId]);
await db.query(`INSERT INTO customers (shop_id, name) SELECT $1, '客户 ' || n FROM generate_series(1, 200) n`, [shopId]);
const [point] = await db.query<{ id: string }>('SELECT id FROM stock_points WHERE shop_id = $1 AND is_default', [shopId]);
const [hot] = await db.query<{ id: string }>('SELECT id FROM products WHERE shop_id = $1 ORDER BY id LIMIT 1', [shopId]);
const today = shopDay(new Date());
const first = shopDay(new Date(Date.now() - 730 * 86400000));
const t = performance.now();
const seeded = await db.transaction((tx) => seedHistory(tx, { shopId, userId: s.user.id, stockPointId: point!.id, hotProductId: hot!.id, ledgerRows: 1_000_000, hotRows: 100_000, firstDay: first, days: 729 }));
await db.query(`UPDATE stock_bills b SET customer_id = c.id, customer_name = c.name FROM (SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS n FROM customers WHERE shop_id = $1) c WHERE c.n = b.id % 200 AND shop_id = $1 AND direction = 'out'`, [shopId]);
await db.query('VACUUM ANALYZE');
console.log(JSON.stringify({ shopId, userId: s.user.id, hot: hot!.id, seeded, today, ms: performance.now() - t }));
await db.close();
