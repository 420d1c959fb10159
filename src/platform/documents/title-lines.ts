/**
 * A title broken into balanced lines at word boundaries: never inside a word, a number with its
 * measure word (2026年), a quoted name (“5·15”) or a title in 《》; Chinese titles preferably after
 * 关于 (the issuing unit on the first line). Word processors break a long title wherever the line
 * is full ("…“5·15”政 / 务公开日…"); the renderers give them these lines instead.
 */

/** Ideographs a title line holds on the GB/T 9704 page: the 156 mm text block at 二号 (22 pt), less a margin. */
export const TITLE_CHARS = Math.floor(((156 / 25.4) * 72) / 22) - 1;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’《》]/u;

/** Units that are never broken: quotes, 《titles》, a number with its measure word, a Latin word. */
const TOKENS =
  /“[^”]*”|‘[^’]*’|《[^》]*》|\d[\d.,·:]*[年月日号个件份人次条块%％]?|[A-Za-z][A-Za-z'’\-.,:;!?"()]*|"[^"]*"|\s+|[^\s]/gu;

/** Width in ideographs: a Chinese character is one, a Latin letter or digit about half. */
const width = (text: string) => [...text].reduce((w, c) => w + (CJK.test(c) ? 1 : /\s/.test(c) ? 0.3 : 0.55), 0);

/** Breaks preferred in a Chinese title: after 关于 (…办公室关于 / 2026年…总结). */
const preferred = (before: string) => /关于$/.test(before);

export function balancedTitleLines(title: string, maxWidth: number): string[] {
  const tokens = title.match(TOKENS) ?? [title];
  const total = width(title);
  if (total <= maxWidth) return [title];
  const lines = Math.ceil(total / maxWidth);
  // Every way of cutting the tokens into `lines` lines (titles are short): the one whose longest
  // line is shortest, a preferred break winning a near tie.
  let best: { cuts: number[]; score: number } | null = null;
  const search = (from: number, cuts: number[]) => {
    if (cuts.length === lines - 1) {
      const bounds = [0, ...cuts, tokens.length];
      const texts = bounds.slice(1).map((end, i) => tokens.slice(bounds[i], end).join('').trim());
      if (texts.some((t) => !t)) return;
      const longest = Math.max(...texts.map(width));
      if (longest > maxWidth) return;
      const bonus = cuts.filter((c) => preferred(tokens.slice(0, c).join(''))).length * 5;
      const score = longest - bonus;
      if (!best || score < best.score) best = { cuts: [...cuts], score };
      return;
    }
    for (let cut = from + 1; cut < tokens.length; cut++) {
      if (
        /^\s+$/.test(tokens[cut - 1]!) === false &&
        !/^\s/.test(tokens[cut]!) &&
        !CJK.test(tokens[cut - 1]!.at(-1)!) &&
        !CJK.test(tokens[cut]![0]!)
      )
        continue; // Latin words break only at spaces
      search(cut, [...cuts, cut]);
    }
  };
  search(0, []);
  if (!best) return [title];
  const { cuts } = best as { cuts: number[] };
  const bounds = [0, ...cuts, tokens.length];
  return bounds.slice(1).map((end, i) => tokens.slice(bounds[i], end).join('').trim());
}
