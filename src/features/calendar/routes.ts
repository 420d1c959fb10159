import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  CalendarDayBody,
  CalendarDays,
  CalendarEdit,
  CalendarQuery,
  CalendarYearBody,
  CalendarYearEdit,
  CalendarYears,
  DayParams,
  YearParams,
} from './schema.ts';
import {
  listCalendar,
  listCalendarYears,
  removeCalendarDay,
  setCalendarDay,
  setYearSchedule,
  type DueDateMover,
} from './service.ts';

/** The working-day calendar due dates are counted on; an edit moves due dates through `moveDueDates`. */
export async function calendarRoutes(app: App, { moveDueDates }: { moveDueDates: DueDateMover }) {
  app.get(
    '/calendar',
    {
      config: { policy: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: 'Public holidays and adjusted working days (调休); every other weekday works, weekends are off',
        querystring: CalendarQuery,
        response: { 200: CalendarDays, ...errorResponses },
      },
    },
    async (request) => listCalendar({ db: app.db, query: request.query }),
  );

  app.put(
    '/calendar/days/:date',
    {
      config: { policy: 'calendar.write' },
      schema: {
        tags: ['calendar'],
        summary: 'Mark a day as a holiday or an adjusted working day; due dates of open cases move with it',
        headers: IdempotencyHeaders,
        params: DayParams,
        body: CalendarDayBody,
        response: { 200: CalendarEdit, 201: CalendarEdit, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await setCalendarDay({
          db: app.db,
          actor: requireUser(request.actor),
          date: request.params.date,
          input: request.body,
          key: idempotencyKeyOf(request),
          moveDueDates,
        }),
      ),
  );

  app.delete(
    '/calendar/days/:date',
    {
      config: { policy: 'calendar.write' },
      schema: {
        tags: ['calendar'],
        summary: 'Make a listed day ordinary again; due dates of open cases move with it',
        params: DayParams,
        response: { 200: CalendarEdit, ...errorResponses },
      },
    },
    async (request) =>
      removeCalendarDay({ db: app.db, actor: requireUser(request.actor), date: request.params.date, moveDueDates }),
  );

  app.get(
    '/calendar/years',
    {
      config: { policy: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: 'Years with a known holiday schedule, and the years due dates count on without one',
        response: { 200: CalendarYears, ...errorResponses },
      },
    },
    async () => listCalendarYears({ db: app.db }),
  );

  app.put(
    '/calendar/years/:year',
    {
      config: { policy: 'calendar.write' },
      schema: {
        tags: ['calendar'],
        summary: "Enter a year's holiday schedule (a list, or its text); due dates of open cases move with it",
        params: YearParams,
        body: CalendarYearBody,
        response: { 200: CalendarYearEdit, ...errorResponses },
      },
    },
    async (request) =>
      setYearSchedule({
        db: app.db,
        actor: requireUser(request.actor),
        year: request.params.year,
        input: request.body,
        moveDueDates,
      }),
  );
}
