import { ApiError, NetworkError } from './client.ts';
import type { MessageKey } from '../i18n/index.tsx';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The advice for each kind of refusal the API gives, by status. */
const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid',
  401: 'error.signedOut',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  415: 'error.unsupportedType',
  422: 'error.invalid',
  429: 'error.tooMany',
};

/**
 * A failed request as a person reads it, in their language: what went wrong and what to do,
 * with the fields the API named (and its reason for each) where it gave them.
 */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network');
  if (!(error instanceof ApiError)) return t('error.unknown', { status: String(error) });
  const key = BY_STATUS[error.status] ?? (error.status >= 500 ? 'error.server' : undefined);
  const advice = key ? t(key) : t('error.unknown', { status: error.status });
  // The API's reasons are written in English for integrators. They help a person correct a form
  // (400, 413, 422: which field, why); for a refusal or a changed record the advice says it all,
  // without English policy text inside a Chinese screen.
  if (![400, 413, 422].includes(error.status)) return advice;
  const details = error.details.map((d) => `${d.field}: ${d.reason}`).join('; ');
  return details ? t('error.withDetails', { advice, details }) : advice;
}
