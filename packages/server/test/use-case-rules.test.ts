import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = resolve(import.meta.dirname, '../src');
const USE_CASES = join(SOURCE, 'use-cases');

/** Every module a source file imports or re-exports, statically or dynamically. */
function importsOf(source: string): string[] {
  const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return [...source.matchAll(specifiers)].map((match) => match[1]!);
}

/** Why an import ties a use case to HTTP, or null: the server's http folder, Fastify or its plugins. */
function httpImport(file: string, specifier: string): string | null {
  if (/^(fastify|@fastify\/|fastify-)/.test(specifier)) return `${specifier} is the HTTP framework`;
  if (!specifier.startsWith('.')) return null;
  const target = relative(SOURCE, resolve(file, '..', specifier));
  return target === 'http' || target.startsWith(`http/`) ? `${specifier} is the HTTP layer` : null;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

describe('use cases know nothing of HTTP', () => {
  it('finds an import of the http folder or of Fastify in any form', () => {
    const file = join(USE_CASES, 'bills', 'get-bill.ts');
    const offending = [
      "import type { UseCaseContext } from '../../http/context.ts';",
      'export { idempotent } from "../../http/idempotency.ts";',
      "import type { FastifyRequest } from 'fastify';",
      "const helmet = await import('@fastify/helmet');",
      "import '../../http/openapi.ts';",
    ];
    for (const line of offending) {
      expect(importsOf(line).map((specifier) => httpImport(file, specifier)), line).not.toContain(null);
    }
    expect(importsOf("import { loadBill } from './bill-rows.ts';\nimport { can } from '@xiaocang/domain';").map((specifier) => httpImport(file, specifier))).toEqual([
      null,
      null,
    ]);
  });

  it('no file under src/use-cases imports from src/http or Fastify', () => {
    const files = filesUnder(USE_CASES);
    expect(files.length).toBeGreaterThan(50);
    const violations = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const reason = httpImport(file, specifier);
        return reason ? [`${relative(SOURCE, file)}: ${reason}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });
});
