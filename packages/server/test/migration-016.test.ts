import { expect, it } from 'vitest';
import { describeOnDatabase } from './support/harness.ts';
import { withSchemaBefore } from './support/schema-before.ts';

describeOnDatabase('migration 016: shipments made before split shipping sent their whole order', () => {
  it('gives an order shipped before it one shipment of every line, and an order not shipped none', async () => {
    await withSchemaBefore('016_shipment_lines.sql', async (tx, apply) => {
      const one = async (sql: string, params: unknown[] = []) => (await tx.query<{ id: string }>(sql, params))[0]!.id;
      const shop = await one(`INSERT INTO shops (name, staff_permissions) VALUES ('店', '{}') RETURNING id`);
      const customer = await one(`INSERT INTO customers (shop_id, name) VALUES ($1, '王小姐') RETURNING id`, [shop]);
      const account = await one(`INSERT INTO customer_accounts (shop_id, customer_id, phone) VALUES ($1, $2, '13800000001') RETURNING id`, [shop, customer]);
      const goods = await one(`INSERT INTO goods (shop_id, title, price) VALUES ($1, '面膜', 25) RETURNING id`, [shop]);
      const order = async (status: string) => {
        const id = await one(
          `INSERT INTO orders (shop_id, order_no, account_id, customer_id, status, total_amount, address, expires_at)
           VALUES ($1, $2, $3, $4, $5, 62.5, '{}', now()) RETURNING id`,
          [shop, `D${status}`, account, customer, status],
        );
        await tx.query(
          `INSERT INTO order_lines (shop_id, order_id, line_no, goods_id, title, unit_price, quantity, amount)
           VALUES ($1, $2, 1, $3, '面膜', 25, 2, 50), ($1, $2, 2, $3, '面膜', 25, 0.5, 12.5)`,
          [shop, id, goods],
        );
        return id;
      };
      const shipped = await order('shipped');
      await order('paid');
      await tx.query(`INSERT INTO order_shipments (shop_id, order_id, carrier, tracking_no) VALUES ($1, $2, '顺丰', 'SF1')`, [shop, shipped]);

      await apply();
      const lines = await tx.query('SELECT order_id::text, line_no, quantity::text FROM order_shipment_lines WHERE shop_id = $1 ORDER BY order_id, line_no', [shop]);
      expect(lines).toEqual([
        { order_id: shipped, line_no: 1, quantity: '2.000' },
        { order_id: shipped, line_no: 2, quantity: '0.500' },
      ]);
    });
  });
});
