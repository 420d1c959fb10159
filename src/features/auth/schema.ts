import { Type, type Static } from 'typebox';
import { NewPassword } from '../../platform/auth/passwords.ts';
import { IsoDateTime, Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';
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
    expiresInDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        description: 'Days until it expires: 90 when left out, at most API_TOKEN_MAX_DAYS (365 unless set)',
      }),
    ),
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

export const TOKEN_STATES = ['active', 'expired', 'revoked'] as const;

/** An API token as listed: never the token itself, which is shown once when it is made. */
export const ApiToken = Type.Object({
  id: Uuid,
  userId: Uuid,
  username: Type.String(),
  name: Type.String(),
  scope: StringEnum(['read', 'write']),
  state: StringEnum(TOKEN_STATES),
  createdAt: IsoDateTime,
  /** Null only for a token made before tokens had to expire. */
  expiresAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
});
export type ApiToken = Static<typeof ApiToken>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });

export const TokenQuery = Type.Object(
  {
    userId: Type.Optional(
      Type.String({ format: 'uuid', description: "Another user's tokens (a unit admin or organizer over them)" }),
    ),
  },
  { additionalProperties: false },
);

export const TokenParams = Type.Object({ tokenId: Uuid }, { additionalProperties: false });

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: NewPassword,
  },
  { additionalProperties: false },
);

export const PasswordChanged = Type.Object({
  sessionsEnded: Type.Integer({ minimum: 0, description: 'Your other sessions, ended; this one goes on' }),
});
