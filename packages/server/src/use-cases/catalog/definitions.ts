import type { Category, Customer, PaymentAccount, PriceLevel, Product, StockPoint, Supplier } from '@xiaocang/contracts';
import { formatMoney, formatQuantity } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { invalid, invalidState, notFound } from '../../errors.ts';
import { iso, nullableText, text, type CatalogDefinition } from './definition.ts';
import { checkUploadReferences, PICTURE_PURPOSES } from '../uploads/check-upload-references.ts';

const audited = (row: Record<string, unknown>) => ({ createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) });

/**
 * A customer who owes money, a supplier who is owed, an account that holds some: switching it off would
 * hide money that is still there, so it stays until the balance is zero.
 */
function keepWhileBalance(table: 'customers' | 'suppliers' | 'payment_accounts', column: string, what: string) {
  const check = async (tx: Queryable, shopId: string, id: string) => {
    const [row] = await tx.query<{ balance: string }>(`SELECT ${column}::text AS balance FROM ${table} WHERE shop_id = $1 AND id = $2 AND ${column} <> 0`, [shopId, id]);
    if (row) throw invalidState(`${what} ${formatMoney(row.balance)}: it cannot be switched off until that is settled`);
  };
  return {
    beforeDelete: check,
    async beforeWrite(tx: Queryable, shopId: string, id: string | null, input: Record<string, unknown>) {
      if (id !== null && input.status === 'inactive') await check(tx, shopId, id);
    },
  };
}

export const categories: CatalogDefinition<Category> = {
  label: 'Category',
  entity: 'category',
  table: 'categories',
  from: 'categories t',
  searchColumns: ['t.name'],
  softDelete: { column: 'status', value: 'inactive' },
  columns: { name: 'name', status: 'status' },
  orderBy: 't.name, t.id',
  writeAction: 'editProducts',
  toDto: (row) => ({ id: text(row.id), name: text(row.name), status: row.status as Category['status'], ...audited(row) }),
};

export const products: CatalogDefinition<Product> = {
  label: 'Product',
  entity: 'product',
  table: 'products',
  from: `products t
         LEFT JOIN categories c ON c.shop_id = t.shop_id AND c.id = t.category_id
         LEFT JOIN suppliers s ON s.shop_id = t.shop_id AND s.id = t.supplier_id`,
  extraColumns: `c.name AS category_name, s.name AS supplier_name,
    (SELECT COALESCE(sum(b.quantity), 0) FROM inventory_balances b WHERE b.shop_id = t.shop_id AND b.product_id = t.id) AS stock_quantity,
    (SELECT CASE WHEN sum(b.quantity) > 0 THEN round(sum(b.total_cost) / sum(b.quantity), 4) END
       FROM inventory_balances b WHERE b.shop_id = t.shop_id AND b.product_id = t.id) AS avg_cost,
    (SELECT COALESCE(json_agg(json_build_object('priceLevelId', pp.price_level_id::text, 'price', pp.price::text) ORDER BY pp.price_level_id), '[]')
       FROM product_prices pp WHERE pp.shop_id = t.shop_id AND pp.product_id = t.id) AS prices`,
  searchColumns: ['t.name', 't.code'],
  softDelete: { column: 'is_enabled', value: false },
  stockColumn: 'product_id',
  columns: {
    name: 'name',
    code: 'code',
    categoryId: 'category_id',
    unit: 'unit',
    specification: 'specification',
    supplierId: 'supplier_id',
    imageUrl: 'image_url',
    inboundPrice: 'inbound_price',
    outboundPrice: 'outbound_price',
    warningStock: 'warning_stock',
    moq: 'moq',
    packSize: 'pack_size',
    isEnabled: 'is_enabled',
    remarks: 'remarks',
  },
  filters: { categoryId: 't.category_id', supplierId: 't.supplier_id' },
  references: [
    { field: 'categoryId', table: 'categories', label: 'Category' },
    { field: 'supplierId', table: 'suppliers', label: 'Supplier' },
  ],
  recordsCreator: true,
  writeAction: 'editProducts',
  async beforeWrite(tx, shopId, _id, input) {
    if (typeof input.imageUrl === 'string') await checkUploadReferences(tx, shopId, [{ field: 'imageUrl', address: input.imageUrl, purposes: PICTURE_PURPOSES }]);
  },
  toDto: (row) => ({
    id: text(row.id),
    name: text(row.name),
    code: nullableText(row.code),
    categoryId: nullableText(row.category_id),
    categoryName: nullableText(row.category_name),
    unit: text(row.unit),
    specification: text(row.specification),
    supplierId: nullableText(row.supplier_id),
    supplierName: nullableText(row.supplier_name),
    imageUrl: text(row.image_url),
    inboundPrice: formatMoney(text(row.inbound_price)),
    outboundPrice: formatMoney(text(row.outbound_price)),
    warningStock: formatQuantity(text(row.warning_stock)),
    moq: formatQuantity(text(row.moq)),
    packSize: formatQuantity(text(row.pack_size)),
    isEnabled: row.is_enabled as boolean,
    remarks: text(row.remarks),
    stockQuantity: formatQuantity(text(row.stock_quantity)),
    avgCost: row.avg_cost === null ? null : text(row.avg_cost),
    prices: (row.prices as Product['prices']).map((price) => ({ priceLevelId: price.priceLevelId, price: formatMoney(price.price) })),
    createdBy: nullableText(row.created_by),
    ...audited(row),
  }),
  async afterWrite(tx, shopId, id, input) {
    const prices = input.prices as Array<{ priceLevelId: string; price: string }> | undefined;
    if (prices === undefined) return;
    const levels = await tx.query<{ id: string; is_default: boolean }>('SELECT id, is_default FROM price_levels WHERE shop_id = $1 AND id = ANY($2::bigint[])', [
      shopId,
      prices.map((price) => price.priceLevelId),
    ]);
    const found = new Map(levels.map((level) => [level.id, level]));
    prices.forEach((price, i) => {
      const level = found.get(price.priceLevelId);
      if (!level) throw notFound('Price level', `prices.${i}.priceLevelId`);
      if (level.is_default) throw invalid(`prices.${i}.priceLevelId`, 'is the default level, whose price is outboundPrice');
      if (prices.findIndex((other) => other.priceLevelId === price.priceLevelId) !== i) throw invalid(`prices.${i}.priceLevelId`, 'names a level twice');
    });
    await tx.query('DELETE FROM product_prices WHERE shop_id = $1 AND product_id = $2', [shopId, id]);
    await tx.query(
      'INSERT INTO product_prices (shop_id, product_id, price_level_id, price) SELECT $1, $2, unnest($3::bigint[]), unnest($4::numeric[])',
      [shopId, id, prices.map((price) => price.priceLevelId), prices.map((price) => price.price)],
    );
  },
};

const partyColumns = {
  name: 'name',
  code: 'code',
  address: 'address',
  contactPerson: 'contact_person',
  phone: 'phone',
  remarks: 'remarks',
  status: 'status',
};

const partyDto = (row: Record<string, unknown>) => ({
  id: text(row.id),
  name: text(row.name),
  code: nullableText(row.code),
  address: text(row.address),
  contactPerson: text(row.contact_person),
  phone: text(row.phone),
  remarks: text(row.remarks),
  status: row.status as Supplier['status'],
  createdBy: nullableText(row.created_by),
  ...audited(row),
});

const partySearch = ['t.name', 't.code', 't.contact_person', 't.phone'];

export const suppliers: CatalogDefinition<Supplier> = {
  label: 'Supplier',
  entity: 'supplier',
  table: 'suppliers',
  from: 'suppliers t',
  searchColumns: partySearch,
  softDelete: { column: 'status', value: 'inactive' },
  columns: { ...partyColumns, leadTimeDays: 'lead_time_days' },
  recordsCreator: true,
  writeAction: 'editCounterparties',
  toDto: (row) => ({ ...partyDto(row), leadTimeDays: row.lead_time_days as number | null, payable: formatMoney(text(row.payable)) }),
  ...keepWhileBalance('suppliers', 'payable', 'The shop still owes this supplier'),
};

export const customers: CatalogDefinition<Customer> = {
  label: 'Customer',
  entity: 'customer',
  table: 'customers',
  from: 'customers t',
  extraColumns: `(SELECT COALESCE(json_agg(json_build_object('id', p.id::text, 'name', p.name) ORDER BY p.id), '[]')
                    FROM customer_products cp JOIN products p ON p.shop_id = cp.shop_id AND p.id = cp.product_id
                   WHERE cp.shop_id = t.shop_id AND cp.customer_id = t.id) AS available_products,
                 (SELECT name FROM price_levels l WHERE l.shop_id = t.shop_id AND (l.id = t.price_level_id OR (t.price_level_id IS NULL AND l.is_default))
                   ORDER BY l.is_default LIMIT 1) AS price_level_name`,
  searchColumns: [...partySearch, 't.wechat_id'],
  softDelete: { column: 'status', value: 'inactive' },
  columns: { ...partyColumns, serviceMonths: 'service_months', wechatId: 'wechat_id', priceLevelId: 'price_level_id' },
  references: [{ field: 'priceLevelId', table: 'price_levels', label: 'Price level' }],
  recordsCreator: true,
  writeAction: 'editCounterparties',
  toDto: (row) => ({
    ...partyDto(row),
    availableProducts: row.available_products as Customer['availableProducts'],
    serviceMonths: row.service_months as number,
    wechatId: text(row.wechat_id),
    priceLevelId: nullableText(row.price_level_id),
    priceLevelName: text(row.price_level_name),
    receivable: formatMoney(text(row.receivable)),
  }),
  ...keepWhileBalance('customers', 'receivable', 'This customer still owes'),
  async afterWrite(tx, shopId, id, input) {
    const productIds = input.availableProductIds as string[] | undefined;
    if (productIds === undefined) return;
    const unique = [...new Set(productIds)];
    const found = await tx.query<{ id: string }>('SELECT id FROM products WHERE shop_id = $1 AND id = ANY($2::bigint[])', [shopId, unique]);
    if (found.length !== unique.length) {
      const known = new Set(found.map((row) => row.id));
      const index = productIds.findIndex((productId) => !known.has(productId));
      throw notFound('Product', `availableProductIds.${index}`);
    }
    await tx.query('DELETE FROM customer_products WHERE shop_id = $1 AND customer_id = $2', [shopId, id]);
    await tx.query(
      'INSERT INTO customer_products (shop_id, customer_id, product_id) SELECT $1, $2, unnest($3::bigint[])',
      [shopId, id, unique],
    );
  },
};

export const stockPoints: CatalogDefinition<StockPoint> = {
  label: 'Stock point',
  entity: 'stock-point',
  table: 'stock_points',
  from: 'stock_points t',
  searchColumns: ['t.name', 't.code'],
  softDelete: { column: 'status', value: 'inactive' },
  stockColumn: 'stock_point_id',
  columns: { name: 'name', code: 'code', address: 'address', isDefault: 'is_default', status: 'status' },
  orderBy: 't.is_default DESC, t.id',
  writeAction: 'manageStockPoints',
  toDto: (row) => ({
    id: text(row.id),
    name: text(row.name),
    code: nullableText(row.code),
    address: text(row.address),
    isDefault: row.is_default as boolean,
    status: row.status as StockPoint['status'],
    ...audited(row),
  }),
  async beforeWrite(tx, shopId, id, input) {
    const [current] = id === null
      ? []
      : await tx.query<{ is_default: boolean; status: string }>('SELECT is_default, status FROM stock_points WHERE shop_id = $1 AND id = $2', [shopId, id]);
    if (current?.is_default && (input.isDefault === false || input.status === 'inactive')) {
      throw invalidState('The default stock point stays active and default; make another one the default first');
    }
    if (input.isDefault === true) {
      if ((input.status ?? current?.status) === 'inactive') throw invalidState('The default stock point must be active');
      await tx.query('UPDATE stock_points SET is_default = false WHERE shop_id = $1 AND is_default AND id IS DISTINCT FROM $2', [shopId, id]);
    }
  },
  async beforeDelete(tx, shopId, id) {
    const [row] = await tx.query<{ is_default: boolean }>('SELECT is_default FROM stock_points WHERE shop_id = $1 AND id = $2', [shopId, id]);
    if (row?.is_default) throw invalidState('The default stock point cannot be deleted');
  },
};

export const priceLevels: CatalogDefinition<PriceLevel> = {
  label: 'Price level',
  entity: 'price-level',
  table: 'price_levels',
  from: 'price_levels t',
  searchColumns: ['t.name'],
  softDelete: { column: 'status', value: 'inactive' },
  columns: { name: 'name', position: 'position', status: 'status' },
  orderBy: 't.is_default DESC, t.position, t.id',
  writeAction: 'manageConfig',
  toDto: (row) => ({
    id: text(row.id),
    name: text(row.name),
    isDefault: row.is_default as boolean,
    position: row.position as number,
    status: row.status as PriceLevel['status'],
    ...audited(row),
  }),
  async beforeWrite(tx, shopId, id, input) {
    if (id !== null && input.status === 'inactive') await priceLevels.beforeDelete!(tx, shopId, id);
  },
  async beforeDelete(tx, shopId, id) {
    const [row] = await tx.query<{ is_default: boolean; customers: string }>(
      `SELECT is_default, (SELECT count(*) FROM customers c WHERE c.shop_id = l.shop_id AND c.price_level_id = l.id AND c.status = 'active') AS customers
         FROM price_levels l WHERE l.shop_id = $1 AND l.id = $2`,
      [shopId, id],
    );
    if (row?.is_default) throw invalidState('The default price level is the outbound price and stays');
    if (row && row.customers !== '0') throw invalidState(`${row.customers} customers buy at this level: move them to another first`);
  },
};

export const paymentAccounts: CatalogDefinition<PaymentAccount> = {
  label: 'Payment account',
  entity: 'payment-account',
  table: 'payment_accounts',
  from: 'payment_accounts t',
  searchColumns: ['t.name'],
  softDelete: { column: 'status', value: 'inactive' },
  columns: { name: 'name', kind: 'kind', position: 'position', remarks: 'remarks', status: 'status' },
  orderBy: 't.position, t.id',
  writeAction: 'manageConfig',
  toDto: (row) => ({
    id: text(row.id),
    name: text(row.name),
    kind: row.kind as PaymentAccount['kind'],
    balance: formatMoney(text(row.balance)),
    position: row.position as number,
    remarks: text(row.remarks),
    status: row.status as PaymentAccount['status'],
    ...audited(row),
  }),
  ...keepWhileBalance('payment_accounts', 'balance', 'This account holds'),
};
