import { Type, type Static } from 'typebox';
import { ROLES } from '../../platform/auth/actor.ts';
import { NewPassword } from '../../platform/auth/passwords.ts';
import { IsoDateTime, Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const RoleSchema = StringEnum(ROLES);
export const Language = StringEnum(['zh-CN', 'en-US']);

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  language: Language,
  memberships: Type.Array(Type.Object({ unitId: Uuid, role: RoleSchema })),
  /** When the account was disabled; null while it may sign in. */
  disabledAt: Nullable(IsoDateTime),
});
export type User = Static<typeof User>;

export const UserBody = Type.Object(
  {
    username: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$',
      description: '3 to 64 letters, digits, dot, dash, underscore',
    }),
    displayName: Text(100),
    password: NewPassword,
    language: Type.Optional(Language),
    role: RoleSchema,
    unitId: Uuid,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'For mailed reminders' })),
  },
  { additionalProperties: false },
);
export type UserBody = Static<typeof UserBody>;

export const UserQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });

export const UserParams = Type.Object({ userId: Uuid }, { additionalProperties: false });

export const PasswordResetBody = Type.Object({ password: NewPassword }, { additionalProperties: false });

/** What a change to an account ended, for the admin who made it. */
export const AccountChange = Type.Object({
  userId: Uuid,
  disabled: Type.Boolean({ description: 'Whether the account is disabled now' }),
  sessionsEnded: Type.Integer({ minimum: 0, description: 'Sessions ended on every instance' }),
  tokensRevoked: Type.Integer({ minimum: 0, description: 'API tokens revoked' }),
});
export type AccountChange = Static<typeof AccountChange>;
