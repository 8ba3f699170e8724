import {
  Category,
  CreateCategoryRequest,
  CreateCustomerRequest,
  CreatePaymentAccountRequest,
  CreatePriceLevelRequest,
  CreateProductWithStockRequest,
  CreateStockPointRequest,
  CreateSupplierRequest,
  Customer,
  IdParams,
  ListQuery,
  listOf,
  PaymentAccount,
  PriceLevel,
  Product,
  ProductCodeParams,
  ProductListQuery,
  StockPoint,
  Supplier,
  UpdateCategoryRequest,
  UpdateCustomerRequest,
  UpdatePaymentAccountRequest,
  UpdatePriceLevelRequest,
  UpdateProductRequest,
  UpdateStockPointRequest,
  UpdateSupplierRequest,
} from '@xiaocang/contracts';
import type { z } from 'zod';
import { actorOf, pathId } from '../http/context.ts';
import { createProduct } from '../use-cases/catalog/create-product.ts';
import { createRecord } from '../use-cases/catalog/create-record.ts';
import type { CatalogDefinition } from '../use-cases/catalog/definition.ts';
import { categories, customers, paymentAccounts, priceLevels, products, stockPoints, suppliers } from '../use-cases/catalog/definitions.ts';
import { deleteRecord } from '../use-cases/catalog/delete-record.ts';
import { findProductByCode } from '../use-cases/catalog/find-product-by-code.ts';
import { getRecord } from '../use-cases/catalog/get-record.ts';
import { listRecords } from '../use-cases/catalog/list-records.ts';
import { updateRecord } from '../use-cases/catalog/update-record.ts';
import type { Api, RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

interface CatalogRoutes<Dto> {
  path: string;
  definition: CatalogDefinition<Dto>;
  /** Documents the response; typed loosely because the definition already fixes the shape. */
  item: z.ZodType;
  listQuery: z.ZodType<Record<string, unknown> & { page: number; pageSize: number }>;
  /** Left out where the kind has a create of its own. */
  create: z.ZodType<Record<string, unknown>> | null;
  update: z.ZodType<Record<string, unknown>>;
}

/** The five verbs every kind of master data has, on one path. */
function catalogRoutes<Dto>(app: Api, db: Parameters<RouteModule>[1], spec: CatalogRoutes<Dto>): void {
  const { path, definition } = spec;
  const tags = [definition.entity];
  const id = (params: { id: string }) => pathId(params.id, definition.label);
  app.get(path, { schema: { tags, querystring: spec.listQuery, response: { 200: listOf(spec.item) } } }, async (request) =>
    listRecords(db, actorOf(request), { definition, query: request.query as never }),
  );
  app.get(`${path}/:id`, { schema: { tags, params: IdParams, response: { 200: spec.item } } }, async (request) =>
    getRecord(db, actorOf(request), { definition, id: id(request.params) }),
  );
  if (spec.create) {
    app.post(path, { schema: { tags, body: spec.create, response: { 201: spec.item } } }, async (request, reply) =>
      writeOnce(db, request, reply, 201, createRecord, { definition, values: request.body as Record<string, unknown> }),
    );
  }
  app.put(`${path}/:id`, { schema: { tags, params: IdParams, body: spec.update, response: { 200: spec.item } } }, async (request) =>
    updateRecord(db, actorOf(request), { definition, id: id(request.params), changes: request.body }),
  );
  app.delete(`${path}/:id`, { schema: { tags, params: IdParams, response: { 200: spec.item } } }, async (request) =>
    deleteRecord(db, actorOf(request), { definition, id: id(request.params) }),
  );
}

export const catalogRoutesModule: RouteModule = (app, db) => {
  catalogRoutes(app, db, { path: '/api/categories', definition: categories, item: Category, listQuery: ListQuery, create: CreateCategoryRequest, update: UpdateCategoryRequest });
  catalogRoutes(app, db, { path: '/api/products', definition: products, item: Product, listQuery: ProductListQuery, create: null, update: UpdateProductRequest });
  app.post('/api/products', { schema: { tags: ['product'], body: CreateProductWithStockRequest, response: { 201: Product } } }, async (request, reply) =>
    writeOnce(db, request, reply, 201, createProduct, request.body),
  );
  catalogRoutes(app, db, { path: '/api/suppliers', definition: suppliers, item: Supplier, listQuery: ListQuery, create: CreateSupplierRequest, update: UpdateSupplierRequest });
  catalogRoutes(app, db, { path: '/api/customers', definition: customers, item: Customer, listQuery: ListQuery, create: CreateCustomerRequest, update: UpdateCustomerRequest });
  catalogRoutes(app, db, { path: '/api/stock-points', definition: stockPoints, item: StockPoint, listQuery: ListQuery, create: CreateStockPointRequest, update: UpdateStockPointRequest });
  catalogRoutes(app, db, { path: '/api/price-levels', definition: priceLevels, item: PriceLevel, listQuery: ListQuery, create: CreatePriceLevelRequest, update: UpdatePriceLevelRequest });
  catalogRoutes(app, db, {
    path: '/api/payment-accounts',
    definition: paymentAccounts,
    item: PaymentAccount,
    listQuery: ListQuery,
    create: CreatePaymentAccountRequest,
    update: UpdatePaymentAccountRequest,
  });

  app.get(
    '/api/products/by-code/:code',
    { schema: { tags: ['product'], params: ProductCodeParams, response: { 200: Product } } },
    async (request) => findProductByCode(db, actorOf(request), request.params.code),
  );
};
