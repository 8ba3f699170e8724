import { z } from 'zod';

const strictCopies = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The same schema with every object in it, however deeply nested, refusing keys it does not name
 * ("unrecognized_keys"), so a misspelt or unsupported field is an error instead of being dropped
 * silently. Applied once to every request body by the server, so no contract has to remember it.
 * Checks and refinements are kept (each schema is cloned with its own definition).
 */
export function strictInput<T extends z.ZodType>(schema: T): T {
  let strict = strictCopies.get(schema);
  if (!strict) {
    strict = makeStrict(schema);
    strictCopies.set(schema, strict);
  }
  return strict as T;
}

function makeStrict(schema: z.ZodType): z.ZodType {
  // Definitions are read loosely: each kind keeps its inner schemas under its own key.
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => strictInput(def[key] as z.ZodType);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => [key, strictInput(field)]));
      // An object that asks for other keys (a catchall) keeps its choice.
      return schema.clone({ ...def, shape, catchall: def.catchall ?? z.never() } as never);
    }
    case 'array':
      return schema.clone({ ...def, element: inner('element') } as never);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return schema.clone({ ...def, innerType: inner('innerType') } as never);
    case 'pipe':
      return schema.clone({ ...def, in: inner('in'), out: inner('out') } as never);
    case 'union':
      return schema.clone({ ...def, options: (def.options as z.ZodType[]).map((option) => strictInput(option)) } as never);
    case 'record':
      return schema.clone({ ...def, valueType: inner('valueType') } as never);
    case 'tuple':
      return schema.clone({
        ...def,
        items: (def.items as z.ZodType[]).map((item) => strictInput(item)),
        rest: def.rest ? inner('rest') : def.rest,
      } as never);
    // Each side of an intersection sees only its own keys, so making them strict would refuse the other's.
    default:
      return schema;
  }
}
