import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * Where the first NUL character (U+0000) is in a parsed request part, as a JSON pointer, if any.
 * PostgreSQL stores no NUL in text or jsonb, so such a value is refused as bad input here rather
 * than failing in the database. Walks without recursion: a body may be nested thousands deep.
 */
export function findNul(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\0')) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\0')) return `${path}/${key.replaceAll('\0', '')}`;
        stack.push([child, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`]);
      }
    }
  }
  return undefined;
}

type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/** The schema's validator, refusing a NUL character anywhere first. */
function refusingNul(validate: Validate): Validate {
  const guarded: Validate = (data) => {
    const at = findNul(data);
    if (at !== undefined) {
      guarded.errors = [
        {
          instancePath: at,
          schemaPath: '#',
          keyword: 'nul',
          message: 'must not contain the NUL character',
          params: {},
        },
      ];
      return false;
    }
    const valid = validate(data);
    guarded.errors = validate.errors ?? null;
    return valid;
  };
  return guarded;
}

/**
 * Request validation. A JSON body is taken as sent: `"3"` is not a number and `true` is not 1.
 * Query strings, path parameters and headers arrive as text, so they are coerced to the schema's
 * types (and a repeated query parameter to an array). No part may carry a NUL character.
 */
export function registerValidation(app: FastifyInstance): void {
  // Bodies are JSON (or, where a route says so, forms and multipart): plain text is answered 415,
  // not read as a string that then fails the schema.
  app.removeContentTypeParser('text/plain');
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) =>
    refusingNul((httpPart === 'body' ? strict : coercing).compile(schema) as Validate),
  );
}
