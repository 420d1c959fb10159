import { Type, type Static } from 'typebox';
import { StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';
import { ROLES } from '../../platform/auth/actor.ts';

export const LoginBody = Type.Object(
  {
    username: Text(64),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Membership = Type.Object({
  unitId: Uuid,
  role: StringEnum(ROLES),
});

export const SessionResponse = Type.Object({
  user: Type.Object({
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    language: Type.String(),
    memberships: Type.Array(Membership),
  }),
  csrfToken: Type.String({
    description: 'Send in the x-csrf-token header with every write made with the session cookie',
  }),
});
export type SessionResponse = Static<typeof SessionResponse>;

export const TokenBody = Type.Object(
  {
    name: Text(100),
    scope: Type.Union([Type.Literal('read'), Type.Literal('write')]),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type TokenBody = Static<typeof TokenBody>;

export const TokenResponse = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: Type.String(),
  token: Type.String({ description: 'Shown once; send as Authorization: Bearer <token>' }),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
});
