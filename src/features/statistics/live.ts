import { RATINGS } from '../../domain/vocabulary.ts';
import type { Histogram } from './figures.ts';
import type { LiveCount, MediaColumns, UnitFiguresRow } from './repository.ts';
import type { BreakdownBy, BreakdownItem } from './schema.ts';

/** The consultation and case figures of the statistics' raw shape: what the live figures hold. */
export type LiveRaw = Omit<
  UnitFiguresRow,
  | 'unit_id'
  | 'unit_name'
  | 'unit_name_en'
  | 'region_id'
  | 'leader_receptions'
  | 'desks'
  | 'staff'
  | 'banners'
  | 'panels'
  | 'led_slogans'
  | 'posters'
  | 'newspaper_windows'
  | 'online_posts'
  | 'media_reports'
  | 'media_reach'
  | keyof MediaColumns
  | 'materials_printed'
  | 'materials_distributed'
  | 'meetings'
  | 'symposiums'
  | 'meeting_participants'
  | 'opinions'
  | 'opinions_answered'
  | 'opinions_transferred'
  | 'opinions_adopted'
>;
export type LiveDimension = Exclude<BreakdownBy, 'region'>;

/** Dates as YYYY-MM-DD on China's calendar (made once: a formatter costs far more to make than to use). */
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** China's day as YYYY-MM-DD: what is overdue is decided on China's calendar. */
export function chinaToday(now = new Date()): string {
  return CHINA_DAY.format(now);
}

/**
 * The live figures of one reader's scopes (live_figures summed), read as the statistics' figures.
 * Keys are as the triggers store them: '' stands for "not recorded" (a NULL topic or outcome).
 */
export class LiveCounts {
  readonly #counts = new Map<string, Map<string, number>>();

  constructor(rows: readonly LiveCount[]) {
    for (const { figure, key, n } of rows) {
      let keys = this.#counts.get(figure);
      if (!keys) this.#counts.set(figure, (keys = new Map()));
      keys.set(key, n);
    }
  }

  get(figure: string, key = ''): number {
    return this.#counts.get(figure)?.get(key) ?? 0;
  }

  entries(figure: string): [key: string, n: number][] {
    return [...(this.#counts.get(figure) ?? [])];
  }

  /** People and consultations per key of one dimension: hours in time, the rest busiest first. */
  breakdown(by: LiveDimension): BreakdownItem[] {
    const items = this.entries(`${by}.people`)
      .filter(([, people]) => people > 0)
      .map(([key, people]) => ({
        key: key === '' ? null : key,
        name: null,
        nameEn: null,
        peopleReceived: people,
        consultations: this.get(`${by}.consultations`, key),
      }));
    const byKey = (a: BreakdownItem, b: BreakdownItem) =>
      a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;
    return items.sort(
      by === 'hour'
        ? byKey
        : (a, b) => b.consultations - a.consultations || b.peopleReceived - a.peopleReceived || byKey(a, b),
    );
  }

  /** The consultation and case figures in the statistics' raw shape. */
  raw(today: string): LiveRaw {
    const outcome = (key: string) => this.get('outcome.consultations', key);
    const rating = (figure: string) =>
      Object.fromEntries(RATINGS.map((level) => [level, this.get(figure, level)])) as Record<
        (typeof RATINGS)[number],
        number
      >;
    const open = this.entries('cases.open_due');
    const overdue = open.filter(([due]) => due < today).reduce((sum, [, n]) => sum + n, 0);
    const replied = this.get('cases.replied');
    const consultationRatings = rating('rating');
    const caseRatings = rating('cases.rating');
    const visitRatings = rating('return_visits.rating');
    const replyDays: Histogram = this.entries('cases.reply_days')
      .map(([days, n]) => [Number(days), n] as const)
      .sort(([a], [b]) => a - b);
    return {
      people_received: this.get('all.people'),
      consultations: this.get('all.consultations'),
      later_questions: this.get('later.consultations'),
      answered_on_spot: outcome('answered_on_spot'),
      handled_on_spot: outcome('handled_on_spot'),
      transferred: outcome('transferred'),
      follow_up: outcome('follow_up'),
      suggestions: outcome('suggestion'),
      complaints: outcome('complaint'),
      ...consultationRatings,
      cases_opened: this.get('cases'),
      cases_transferred: this.get('cases.transferred'),
      cases_open: open.reduce((sum, [, n]) => sum + n, 0),
      cases_overdue: overdue,
      cases_due: replied + overdue,
      cases_replied: replied,
      replied_on_time: this.get('cases.replied_on_time'),
      reply_days: replyDays,
      case_very_satisfied: caseRatings.very_satisfied,
      case_satisfied: caseRatings.satisfied,
      case_basically_satisfied: caseRatings.basically_satisfied,
      case_dissatisfied: caseRatings.dissatisfied,
      case_very_dissatisfied: caseRatings.very_dissatisfied,
      return_visits: this.get('return_visits', 'reached') + this.get('return_visits', 'not_reached'),
      return_visits_reached: this.get('return_visits', 'reached'),
      rv_very_satisfied: visitRatings.very_satisfied,
      rv_satisfied: visitRatings.satisfied,
      rv_basically_satisfied: visitRatings.basically_satisfied,
      rv_dissatisfied: visitRatings.dissatisfied,
      rv_very_dissatisfied: visitRatings.very_dissatisfied,
      later_return_visits: this.get('later.return_visits', 'reached') + this.get('later.return_visits', 'not_reached'),
    };
  }
}
