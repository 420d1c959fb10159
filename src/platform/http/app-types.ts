import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Database } from '../db/database.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { Config } from '../../config.ts';

/** The Fastify instance every feature's routes receive: TypeBox schemas give the handler types. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
    authenticator: Authenticator;
    /** Every route registered, with its policy: the route × role test walks this table. */
    routeTable: { method: string; url: string; policy: string | undefined }[];
  }
}
