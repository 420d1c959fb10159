/**
 * One unit's summary in each format, for `npm run bench`: the busy district bureau of the province
 * campaign, its summary computed from its records (nothing stored) as HTML, DOCX (GB/T 9704) and
 * PDF (Noto CJK embedded), the median of a few runs each.
 */
import { buffer } from 'node:stream/consumers';
import type { Database } from '../src/platform/db/database.ts';
import { getSummaryFile } from '../src/features/reports/service.ts';
import { actorFor } from '../src/features/users/acting-user.ts';

export const SUMMARY_FORMATS = ['html', 'docx', 'pdf'] as const;

export async function benchUnitSummary(input: {
  db: Database;
  campaignId: string;
  unitId: string;
  organizer: string;
  runs?: number;
}): Promise<Record<(typeof SUMMARY_FORMATS)[number], { seconds: number; bytes: number }>> {
  const actor = await actorFor(input.db, input.organizer);
  const result = {} as Record<(typeof SUMMARY_FORMATS)[number], { seconds: number; bytes: number }>;
  for (const format of SUMMARY_FORMATS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < (input.runs ?? 3); i++) {
      const started = performance.now();
      const file = await getSummaryFile({
        db: input.db,
        actor,
        campaignId: input.campaignId,
        unitId: input.unitId,
        language: 'zh-CN',
        format,
        preview: true,
      });
      bytes = (await buffer(file.stream)).length;
      times.push((performance.now() - started) / 1000);
    }
    times.sort((a, b) => a - b);
    result[format] = { seconds: times[Math.floor(times.length / 2)]!, bytes };
  }
  return result;
}
