import type { ImportKind } from '@xiaocang/contracts';
import type { ImportDefinition } from './import-definition.ts';
import { categoryImport, customerImport, supplierImport } from './master-data-imports.ts';
import { productImport } from './product-import.ts';

/** Every kind a spreadsheet can bring in, by the name in `/api/imports/<kind>` and `npx xiaocang import --kind`. */
export const IMPORT_KINDS: Record<ImportKind, ImportDefinition> = {
  products: productImport,
  categories: categoryImport,
  suppliers: supplierImport,
  customers: customerImport,
};
