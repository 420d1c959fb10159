import { Type, type Static, type TSchema } from 'typebox';
import { AppError } from './errors.ts';

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

const CURSOR_PARTS = {
  uuid: (v: unknown) =>
    typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  timestamp: (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)),
  text: (v: unknown) => typeof v === 'string' && v.length <= 200,
  integer: (v: unknown) => Number.isSafeInteger(v),
} as const;

/**
 * Reads a cursor this API gave, checking each part's kind so that nothing crafted reaches SQL.
 * Undefined when there is no cursor; throws 422 naming `cursor` when it is not one of ours.
 */
export function decodeCursor<const K extends readonly (keyof typeof CURSOR_PARTS)[]>(
  cursor: string | undefined,
  kinds: K,
): { -readonly [I in keyof K]: K[I] extends 'integer' ? number : string } | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== kinds.length ||
    !kinds.every((kind, i) => CURSOR_PARTS[kind](values[i]))
  ) {
    throw new AppError(422, 'unprocessable', 'cursor: is not a cursor this API gave', [
      { field: 'cursor', reason: 'is not a cursor this API gave' },
    ]);
  }
  return values as { -readonly [I in keyof K]: K[I] extends 'integer' ? number : string };
}

export type { Static };

/** One of a fixed list of strings: `{"type":"string","enum":[…]}` in the OpenAPI document. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
