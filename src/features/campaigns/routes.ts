import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { listCampaigns, listCampaignUnits, listUnitDays } from './repository.ts';
import {
  Campaign,
  CampaignBody,
  CampaignPatch,
  CampaignUnitParams,
  CampaignUnits,
  SlugParams,
  UnitDays,
  UnitDaysBody,
  UnitDaysList,
} from './schema.ts';
import {
  agreeUnitDays,
  changeCampaign,
  createCampaign,
  getCampaign,
  getCampaignBySlug,
  inviteUnit,
  uninviteUnit,
} from './service.ts';

export async function campaignRoutes(app: App) {
  app.get(
    '/campaigns',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Open days, newest first',
        response: { 200: Type.Object({ items: Type.Array(Campaign) }), ...errorResponses },
      },
    },
    async () => ({ items: await listCampaigns(app.db) }),
  );

  app.get(
    '/campaigns/:id',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'One open day',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => getCampaign(app.db, request.params.id),
  );

  app.get(
    '/campaigns/by-slug/:slug',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'One open day by its slug',
        params: SlugParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => getCampaignBySlug(app.db, request.params.slug),
  );

  app.post(
    '/campaigns',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Create an open day and invite units',
        headers: IdempotencyHeaders,
        body: CampaignBody,
        response: { 201: Campaign, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createCampaign({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/campaigns/:id',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Change an open day',
        params: IdParams,
        body: CampaignPatch,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) =>
      changeCampaign({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.get(
    '/campaigns/:id/units',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Participating units',
        params: IdParams,
        response: { 200: CampaignUnits, ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listCampaignUnits(app.db, request.params.id) };
    },
  );

  app.put(
    '/campaigns/:id/units/:unitId',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Invite a unit',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await inviteUnit({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/campaigns/:id/units/:unitId',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Withdraw an invitation',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await uninviteUnit({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/campaigns/:id/unit-days',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Other dates agreed for units (另定活动日期): units that hold their open day outside the campaign’s window',
        params: IdParams,
        response: { 200: UnitDaysList, ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listUnitDays(app.db, request.params.id) };
    },
  );

  app.put(
    '/campaigns/:id/units/:unitId/days',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Agree other dates for a unit’s open day (organizers): its summary states them without naming them a problem, and says they were agreed',
        params: CampaignUnitParams,
        body: UnitDaysBody,
        response: { 200: UnitDays, ...errorResponses },
      },
    },
    async (request) =>
      (await agreeUnitDays({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
        days: request.body,
      }))!,
  );

  app.delete(
    '/campaigns/:id/units/:unitId/days',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Withdraw the other dates agreed for a unit',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await agreeUnitDays({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
        days: null,
      });
      return reply.status(204).send(null);
    },
  );
}
