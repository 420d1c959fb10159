import { Type, type Static, type TSchema } from 'typebox';

/** The one error shape of every failure. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code' }),
      message: Type.String(),
      details: Type.Array(Type.Object({ field: Type.String(), reason: Type.String() })),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const Uuid = Type.String({ format: 'uuid', description: 'Identifier' });
export const IsoDate = Type.String({ format: 'date', description: 'Date, YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Short text from a person: trimmed length limits keep rows and pages bounded. */
export const Text = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({
    minLength: options.minLength ?? 1,
    maxLength,
    ...(options.description ? { description: options.description } : {}),
  });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'Opaque cursor from the previous page' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
  });

/** The standard error answers a route can give, for its OpenAPI entry. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};

/** Opaque keyset cursor: the sort key and id of the last row of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through
  }
  return undefined;
}

export type { Static };

/** One of a fixed list of strings: `{"type":"string","enum":[…]}` in the OpenAPI document. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
