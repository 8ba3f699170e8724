import type { Category, Customer, Product, StockPoint, Supplier } from '@xiaocang/contracts';
import { formatMoney, formatQuantity } from '@xiaocang/domain';
import { invalidState, notFound } from '../../errors.ts';
import { iso, nullableText, text, type CatalogDefinition } from './definition.ts';

const audited = (row: Record<string, unknown>) => ({ createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) });

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
    (SELECT COALESCE(sum(b.quantity), 0) FROM inventory_balances b WHERE b.shop_id = t.shop_id AND b.product_id = t.id) AS stock_quantity`,
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
    isEnabled: row.is_enabled as boolean,
    remarks: text(row.remarks),
    stockQuantity: formatQuantity(text(row.stock_quantity)),
    createdBy: nullableText(row.created_by),
    ...audited(row),
  }),
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
  columns: partyColumns,
  recordsCreator: true,
  writeAction: 'editCounterparties',
  toDto: partyDto,
};

export const customers: CatalogDefinition<Customer> = {
  label: 'Customer',
  entity: 'customer',
  table: 'customers',
  from: 'customers t',
  extraColumns: `(SELECT COALESCE(json_agg(json_build_object('id', p.id::text, 'name', p.name) ORDER BY p.id), '[]')
                    FROM customer_products cp JOIN products p ON p.shop_id = cp.shop_id AND p.id = cp.product_id
                   WHERE cp.shop_id = t.shop_id AND cp.customer_id = t.id) AS available_products`,
  searchColumns: partySearch,
  softDelete: { column: 'status', value: 'inactive' },
  columns: { ...partyColumns, serviceMonths: 'service_months' },
  recordsCreator: true,
  writeAction: 'editCounterparties',
  toDto: (row) => ({
    ...partyDto(row),
    availableProducts: row.available_products as Customer['availableProducts'],
    serviceMonths: row.service_months as number,
  }),
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
