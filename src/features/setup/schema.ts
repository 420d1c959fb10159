import { Type, type Static } from 'typebox';
import { RegionBody } from '../regions/schema.ts';
import { UnitBody } from '../units/schema.ts';
import { UserBody } from '../users/schema.ts';

/** Whether the installation still needs its first organizer (no account exists yet). */
export const SetupState = Type.Object({
  needed: Type.Boolean({ description: 'True while no account exists: the first-run screen is shown' }),
});
export type SetupState = Static<typeof SetupState>;

/**
 * The first run: the root region, the coordinating office in it and its first organizer, made
 * together or not at all. The organizer then adds regions, units and accounts in the console.
 */
export const SetupBody = Type.Object(
  {
    region: Type.Object(
      {
        code: RegionBody.properties.code,
        name: RegionBody.properties.name,
        nameEn: RegionBody.properties.nameEn,
        level: RegionBody.properties.level,
      },
      { additionalProperties: false, description: 'The root region, e.g. 辽宁省 (210000, province)' },
    ),
    office: Type.Object(
      { name: UnitBody.properties.name, nameEn: UnitBody.properties.nameEn },
      { additionalProperties: false, description: 'The coordinating office (政务公开办公室) of the root region' },
    ),
    organizer: Type.Object(
      {
        username: UserBody.properties.username,
        displayName: UserBody.properties.displayName,
        password: UserBody.properties.password,
        language: UserBody.properties.language,
      },
      { additionalProperties: false, description: "The office's first organizer" },
    ),
  },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;

export const SetupRequest = Type.Object(
  {
    ...SetupBody.properties,
    setupCode: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'The set-up code the server printed when it started with no account',
    }),
  },
  { additionalProperties: false },
);
export type SetupRequest = Static<typeof SetupRequest>;

export const SetupResult = Type.Object({
  regionId: Type.String(),
  officeId: Type.String(),
  userId: Type.String(),
  username: Type.String(),
});
export type SetupResult = Static<typeof SetupResult>;
