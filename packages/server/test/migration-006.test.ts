import { figuresOf } from '@xiaocang/domain';
import { expect, it } from 'vitest';
import { describeOnDatabase } from './support/harness.ts';
import { withSchemaBefore } from './support/schema-before.ts';

describeOnDatabase('migration 006: the months so far, recomputed per bill type from the bills and the ledger', () => {
  it('keeps the standing bills at their ledger cost, a reversed pair and transfers out, types the ledger rows and drops stats_monthly', async () => {
    await withSchemaBefore('006_monthly_figures_by_bill_type.sql', async (tx, apply) => {
      const [shop] = await tx.query<{ id: string }>(`INSERT INTO shops (name, staff_permissions) VALUES ('店', '{}') RETURNING id`);
      const s = shop!.id;
      const [user] = await tx.query<{ id: string }>(`INSERT INTO users (shop_id, username, password_hash, real_name, role) VALUES ($1, 'o', 'x', '店主', 'owner') RETURNING id`, [s]);
      const [point] = await tx.query<{ id: string }>(`INSERT INTO stock_points (shop_id, name, is_default) VALUES ($1, '默认仓库', true) RETURNING id`, [s]);
      const [product] = await tx.query<{ id: string }>(`INSERT INTO products (shop_id, name, unit) VALUES ($1, '茶', '罐') RETURNING id`, [s]);
      let seq = 0;
      /** A bill as posting left it: its row and one ledger row, cost signed as the ledger signs it. */
      const bill = async (fields: { direction: 'in' | 'out'; kind?: string; type: string; date: string; amount: string; cost?: string; status?: string; reversalOf?: string; peer?: string }) => {
        const posted = fields.cost !== undefined;
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO stock_bills (shop_id, direction, kind, bill_type, bill_date, stock_point_id, total_amount, status, posting_seq, reversal_of_id, transfer_peer_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [s, fields.direction, fields.kind ?? 'normal', fields.type, fields.date, point!.id, fields.amount, fields.status ?? (posted ? 'confirmed' : 'draft'), posted ? ++seq : null, fields.reversalOf ?? null, fields.peer ?? null, user!.id],
        );
        if (posted) {
          const receives = fields.cost!.startsWith('-') ? 'issue' : 'receive';
          await tx.query(
            `INSERT INTO stock_ledger (shop_id, stock_point_id, product_id, bill_id, line_id, line_no, bill_kind, in_stats, bill_date, posting_seq, direction,
                                       movement, quantity, unit_price, amount, unit_cost, cost_amount, balance_quantity, balance_avg_cost, balance_amount, created_by)
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, 1, 0, $12, 0, $13, 0, 0, 0, $14)`,
            [s, point!.id, product!.id, row!.id, 1000 + seq, fields.kind ?? 'normal', !fields.peer, fields.date, seq, fields.direction, receives, fields.amount, fields.cost, user!.id],
          );
        }
        return row!.id;
      };
      await bill({ direction: 'in', type: '采购入库', date: '2026-10-03', amount: '100.00', cost: '100.00' });
      await bill({ direction: 'out', type: '销售出库', date: '2026-10-05', amount: '60.00', cost: '-40.00' });
      const reversed = await bill({ direction: 'out', type: '销售出库', date: '2026-10-06', amount: '30.00', cost: '-20.00', status: 'reversed' });
      await bill({ direction: 'out', kind: 'reversal', type: '销售出库', date: '2026-11-02', amount: '-30.00', cost: '20.00', reversalOf: reversed });
      await bill({ direction: 'in', kind: 'stocktake', type: '盘盈入库', date: '2026-11-10', amount: '5.00', cost: '5.00' });
      await bill({ direction: 'out', kind: 'stocktake', type: '盘亏出库', date: '2026-11-10', amount: '0.00', cost: '-12.50' });
      await bill({ direction: 'out', kind: 'transfer', type: '调拨出库', date: '2026-11-11', amount: '10.00', cost: '-10.00', peer: '999' });
      await bill({ direction: 'out', type: '销售出库', date: '2026-11-12', amount: '70.00' });

      await apply();
      const rows = await tx.query<{ month: number; direction: 'in' | 'out'; billType: string; amount: string; cost: string; billCount: number }>(
        `SELECT month, direction, bill_type AS "billType", amount::text AS amount, cost::text AS cost, bill_count AS "billCount"
           FROM stats_monthly_bill_types WHERE shop_id = $1 AND year = 2026 ORDER BY month, direction, bill_type`,
        [s],
      );
      expect(rows).toEqual([
        { month: 10, direction: 'in', billType: '采购入库', amount: '100.00', cost: '100.00', billCount: 1 },
        { month: 10, direction: 'out', billType: '销售出库', amount: '60.00', cost: '40.00', billCount: 1 },
        { month: 11, direction: 'in', billType: '盘盈入库', amount: '5.00', cost: '5.00', billCount: 1 },
        { month: 11, direction: 'out', billType: '盘亏出库', amount: '0.00', cost: '12.50', billCount: 1 },
      ]);
      expect(figuresOf(rows.filter((row) => row.month === 11))).toMatchObject({ purchaseAmount: '0.00', salesAmount: '0.00', stockAdjustment: '-7.50', inboundCount: 1 });
      // Every ledger row now carries its bill's type.
      const types = await tx.query<{ billType: string | null }>(`SELECT bill_type AS "billType" FROM stock_ledger WHERE shop_id = $1`, [s]);
      expect(types.map((row) => row.billType).sort()).toEqual(['盘亏出库', '盘盈入库', '调拨出库', '采购入库', '销售出库', '销售出库', '销售出库'].sort());
      const [old] = await tx.query<{ exists: boolean }>(`SELECT to_regclass('stats_monthly') IS NOT NULL AS exists`);
      expect(old!.exists).toBe(false);
    });
  });
});
