import { Type, type Static } from 'typebox';
import { ROLES } from '../../platform/auth/actor.ts';
import { StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const RoleSchema = StringEnum(ROLES);
export const Language = StringEnum(['zh-CN', 'en-US']);

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  language: Language,
  memberships: Type.Array(Type.Object({ unitId: Uuid, role: RoleSchema })),
});
export type User = Static<typeof User>;

export const UserBody = Type.Object(
  {
    username: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$',
      description: '3 to 64 letters, digits, dot, dash, underscore',
    }),
    displayName: Text(100),
    password: Type.String({
      minLength: 12,
      maxLength: 128,
      description: 'At least 12 characters; common passwords are refused',
    }),
    language: Type.Optional(Language),
    role: RoleSchema,
    unitId: Uuid,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'For mailed reminders' })),
  },
  { additionalProperties: false },
);
export type UserBody = Static<typeof UserBody>;

export const UserQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
