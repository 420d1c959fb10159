import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import {
  CampaignDesk,
  CampaignDeskQuery,
  CampaignIdParams,
  Desk,
  DeskBody,
  DeskPatch,
  DutyStaff,
  DutyStaffBody,
  DutyStaffPatch,
  Meeting,
  MeetingBody,
  MeetingIdParams,
  MeetingPatch,
  Opinion,
  OpinionBody,
  OpinionPatch,
  Partner,
  PartnerBody,
  PartnerList,
  PartnerPatch,
  Plan,
  PlanBody,
  PlanIdParams,
  PlanParams,
  Site,
  SiteBody,
  SiteIdParams,
  SitePatch,
} from './schema.ts';
import {
  addDesk,
  addDutyStaff,
  changeDutyStaff,
  addMeeting,
  addOpinion,
  addPartner,
  addSite,
  changeDesk,
  changeMeeting,
  changeOpinion,
  changePartner,
  changeSite,
  getPlan,
  listCampaignDesks,
  listOpinions,
  listPartners,
  removeDesk,
  removeDutyStaff,
  removeMeeting,
  removeOpinion,
  removePartner,
  removeSite,
  savePlan,
} from './service.ts';

/** 活动方案: a unit's plan for a campaign, its meetings, sites, desks and staff on duty. */
export async function planRoutes(app: App) {
  app.get(
    '/campaigns/:campaignId/units/:unitId/plan',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: "A unit's plan for the campaign, with its meetings, sites, desks and staff",
        params: PlanParams,
        response: { 200: Plan, ...errorResponses },
      },
    },
    async (request) =>
      getPlan({
        db: app.db,
        actor: request.actor,
        campaignId: request.params.campaignId,
        unitId: request.params.unitId,
      }),
  );

  app.put(
    '/campaigns/:campaignId/units/:unitId/plan',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: "Write the plan's own fields (creates the plan on first write; a field left out is cleared)",
        params: PlanParams,
        body: PlanBody,
        response: { 200: Plan, 201: Plan, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { created, plan } = await savePlan({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.campaignId,
        unitId: request.params.unitId,
        input: request.body,
      });
      return reply.status(created ? 201 : 200).send(plan);
    },
  );

  app.get(
    '/campaigns/:campaignId/desks',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: "The campaign's desks with their sites, in the units you may see",
        params: CampaignIdParams,
        querystring: CampaignDeskQuery,
        response: { 200: Type.Object({ items: Type.Array(CampaignDesk) }), ...errorResponses },
      },
    },
    async (request) =>
      listCampaignDesks({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.campaignId,
        query: request.query,
      }),
  );

  app.post(
    '/plans/:planId/meetings',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Add a meeting: preparation, deployment, symposium, hearing or launch ceremony',
        headers: IdempotencyHeaders,
        params: PlanIdParams,
        body: MeetingBody,
        response: { 201: Meeting, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addMeeting({
          db: app.db,
          actor: requireUser(request.actor),
          planId: request.params.planId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/meetings/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change a meeting',
        params: IdParams,
        body: MeetingPatch,
        response: { 200: Meeting, ...errorResponses },
      },
    },
    async (request) =>
      changeMeeting({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/meetings/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Delete a meeting and the opinions raised there',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMeeting({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/meetings/:meetingId/opinions',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'The opinions raised at a meeting (意见建议), with what became of each',
        params: MeetingIdParams,
        response: { 200: Type.Object({ items: Type.Array(Opinion) }), ...errorResponses },
      },
    },
    async (request) => listOpinions({ db: app.db, actor: request.actor, meetingId: request.params.meetingId }),
  );

  app.post(
    '/meetings/:meetingId/opinions',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Record an opinion raised at a meeting and what became of it',
        headers: IdempotencyHeaders,
        params: MeetingIdParams,
        body: OpinionBody,
        response: { 201: Opinion, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addOpinion({
          db: app.db,
          actor: requireUser(request.actor),
          meetingId: request.params.meetingId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/opinions/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change an opinion raised at a meeting (what became of it, the case it was transferred as)',
        params: IdParams,
        body: OpinionPatch,
        response: { 200: Opinion, ...errorResponses },
      },
    },
    async (request) =>
      changeOpinion({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/opinions/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Delete an opinion raised at a meeting',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeOpinion({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/sites',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Add a site where desks stand',
        headers: IdempotencyHeaders,
        params: PlanIdParams,
        body: SiteBody,
        response: { 201: Site, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addSite({
          db: app.db,
          actor: requireUser(request.actor),
          planId: request.params.planId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/sites/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change a site',
        params: IdParams,
        body: SitePatch,
        response: { 200: Site, ...errorResponses },
      },
    },
    async (request) =>
      changeSite({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/sites/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Delete a site and its desks (refused once consultations were recorded there)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeSite({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sites/:siteId/desks',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Add a desk at a site',
        headers: IdempotencyHeaders,
        params: SiteIdParams,
        body: DeskBody,
        response: { 201: Desk, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addDesk({
          db: app.db,
          actor: requireUser(request.actor),
          siteId: request.params.siteId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/desks/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change a desk',
        params: IdParams,
        body: DeskPatch,
        response: { 200: Desk, ...errorResponses },
      },
    },
    async (request) =>
      changeDesk({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/desks/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Delete a desk (refused once consultations were recorded there)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeDesk({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/staff',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Put a staff member on duty, at a desk of the plan or for the day',
        headers: IdempotencyHeaders,
        params: PlanIdParams,
        body: DutyStaffBody,
        response: { 201: DutyStaff, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addDutyStaff({
          db: app.db,
          actor: requireUser(request.actor),
          planId: request.params.planId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/staff/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change a staff member on duty: name, title, desk or leader mark',
        params: IdParams,
        body: DutyStaffPatch,
        response: { 200: DutyStaff, ...errorResponses },
      },
    },
    async (request) =>
      changeDutyStaff({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/staff/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Take a staff member off duty',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeDutyStaff({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/campaigns/:campaignId/partners',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: "The campaign's partner organisations (联合设台), entered once and named at desks",
        params: CampaignIdParams,
        response: { 200: PartnerList, ...errorResponses },
      },
    },
    async (request) =>
      listPartners({ db: app.db, actor: requireUser(request.actor), campaignId: request.params.campaignId }),
  );

  app.post(
    '/campaigns/:campaignId/units/:unitId/partners',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary:
          'Enter a partner organisation in the campaign: a (sub-)unit of the campaign, or an outside organisation',
        headers: IdempotencyHeaders,
        params: PlanParams,
        body: PartnerBody,
        response: { 201: Partner, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addPartner({
          db: app.db,
          actor: requireUser(request.actor),
          campaignId: request.params.campaignId,
          unitId: request.params.unitId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/partners/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Change a partner organisation (by the unit that entered it)',
        params: IdParams,
        body: PartnerPatch,
        response: { 200: Partner, ...errorResponses },
      },
    },
    async (request) =>
      changePartner({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/partners/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Delete a partner organisation (refused while a desk or a consultation names it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removePartner({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
