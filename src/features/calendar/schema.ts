import { Type, type Static } from 'typebox';
import { IsoDate, StringEnum, Text } from '../../platform/http/schemas.ts';

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** A day that differs from "Monday to Friday work, Saturday and Sunday off". */
export const CalendarDay = Type.Object({
  day: IsoDate,
  kind: StringEnum(DAY_KINDS, {
    description: 'holiday: a public holiday, off; workday: an adjusted working day (调休), worked',
  }),
  name: Type.String({ description: 'e.g. 春节, 春节调休上班' }),
  source: StringEnum(['official', 'organizer'] as const, {
    description: "official: the State Council's schedule; organizer: added or changed here",
  }),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Only the days of this year' })) },
  { additionalProperties: false },
);
export type CalendarQuery = Static<typeof CalendarQuery>;

export const CalendarDays = Type.Object({ items: Type.Array(CalendarDay) });

export const DayParams = Type.Object({ date: IsoDate }, { additionalProperties: false });

export const CalendarDayBody = Type.Object(
  {
    kind: CalendarDay.properties.kind,
    name: Text(100, { description: 'What the day is, e.g. 春节 or 国庆节调休上班' }),
  },
  { additionalProperties: false },
);
export type CalendarDayBody = Static<typeof CalendarDayBody>;

export const CalendarEdit = Type.Object({
  day: CalendarDay,
  recomputedCases: Type.Integer({ minimum: 0, description: 'Cases not closed whose due date moved' }),
});
export type CalendarEdit = Static<typeof CalendarEdit>;

/** Why a calendar day was counted as a working day or skipped. */
export const DAY_REASONS = ['working_day', 'weekend', 'holiday', 'adjusted_working_day'] as const;
export type DayReason = (typeof DAY_REASONS)[number];

export const CountedDay = Type.Object({
  day: IsoDate,
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  counted: Type.Boolean({ description: 'True when the day is a working day and counts towards the limit' }),
  number: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'Which working day it is (1 = the first after the start), null when skipped',
  }),
  reason: StringEnum(DAY_REASONS),
  name: Type.Union([Type.String(), Type.Null()], { description: 'The holiday or adjusted working day, if any' }),
});
export type CountedDay = Static<typeof CountedDay>;

/** A year whose holiday schedule is known: the State Council's (official) or entered by an organizer. */
export const CalendarYear = Type.Object({
  year: Type.Integer(),
  source: StringEnum(['official', 'organizer'] as const),
  confirmedAt: Type.String({ format: 'date-time' }),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarYears = Type.Object({
  confirmed: Type.Array(CalendarYear),
  missing: Type.Array(Type.Integer(), {
    description:
      'Years without a schedule that due dates count on (this year, next year, and those of cases not closed): ' +
      'their working days are Monday to Friday and marked unconfirmed until the schedule is entered',
  }),
});
export type CalendarYears = Static<typeof CalendarYears>;

export const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 1900, maximum: 2200 }) },
  { additionalProperties: false },
);

/** One listed day of a year's schedule. */
export const ScheduleDay = Type.Object(
  { day: IsoDate, kind: CalendarDay.properties.kind, name: CalendarDayBody.properties.name },
  { additionalProperties: false },
);
export type ScheduleDay = Static<typeof ScheduleDay>;

export const CalendarYearBody = Type.Object(
  {
    days: Type.Optional(
      Type.Array(ScheduleDay, { maxItems: 366, description: 'The holidays and adjusted working days' }),
    ),
    text: Type.Optional(
      Text(20_000, {
        description:
          'Or the list as text, one line a day or a span: "2027-02-06~2027-02-13 休 春节" or "2027-02-14 班 春节调休上班" ' +
          '(休/holiday, 班/workday)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CalendarYearBody = Static<typeof CalendarYearBody>;

/** A case whose due date moved with the calendar. */
export const DueChange = Type.Object({
  caseId: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  from: IsoDate,
  to: IsoDate,
});
export type DueChange = Static<typeof DueChange>;

export const CalendarYearEdit = Type.Object({
  year: CalendarYear,
  days: Type.Array(CalendarDay),
  changes: Type.Array(DueChange, { description: 'The cases not closed whose due date moved' }),
});
export type CalendarYearEdit = Static<typeof CalendarYearEdit>;
