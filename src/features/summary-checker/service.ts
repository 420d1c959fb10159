import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import { notFound, unprocessable } from '../../platform/http/errors.ts';
import { isCampaignUnit } from '../campaigns/read.ts';
import { getCampaign } from '../campaigns/service.ts';
import { collectSummaryFacts } from '../summaries/service.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import { callInWorker } from '../../platform/documents/read-in-worker.ts';
import type { checkSummaryText, RecordedFigures } from './check.ts';
import type { SummaryCheck } from './schema.ts';

/** Checks a hand-written summary of the unit against the unit's records. Stores nothing. */
export async function checkSummary({
  db,
  actor,
  campaignId,
  unitId,
  text,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
  text: string;
}): Promise<SummaryCheck> {
  await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  if (!can(actor, 'summaries.read', toScope(unit))) throw notFound('Unit');
  const user = authorize(actor, 'summaries.read', toScope(unit));
  if (!(await isCampaignUnit(db, campaignId, unitId)))
    throw unprocessable('unitId', 'does not take part in this campaign');
  const { figures } = await collectSummaryFacts({ db, actor: user, campaignId, unitId });
  const recorded: RecordedFigures = {
    peopleReceived: figures.peopleReceived,
    consultations: figures.consultations,
    answeredOnSpot: figures.answeredOnSpot,
    handledOnSpot: figures.handledOnSpot,
    leaderReceptions: figures.leaderReceptions,
    desks: figures.desks,
    staff: figures.staff,
    banners: figures.banners,
    panels: figures.panels,
    ledSlogans: figures.ledSlogans,
    newspaperWindows: figures.newspaperWindows,
    mediaReports: figures.mediaReports,
    materialsPrinted: figures.materialsPrinted,
    materialsDistributed: figures.materialsDistributed,
    rated: figures.rated,
    satisfactionRate: figures.satisfactionRate,
  };
  // The text is the caller's: its checks run in a worker thread, within a time and memory limit.
  const findings = await callInWorker<ReturnType<typeof checkSummaryText>>(
    new URL('./check.ts', import.meta.url),
    'checkSummaryText',
    [text.replace(/\r\n?/g, '\n'), recorded],
  );
  return { campaignId, unitId, problems: findings.length, findings };
}
