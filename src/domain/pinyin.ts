import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

let pinyinPro: typeof PinyinPro | undefined;

/**
 * pinyin-pro and its dictionary, loaded when a name is first romanized (an English summary): about
 * 15 MiB of memory that a server writing no English summary does not carry. Loaded synchronously,
 * so that romanizing stays a plain function.
 */
function syllables(chinese: string, { surname }: { surname: boolean }): string[] {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  return pinyinPro.pinyin(chinese, { toneType: 'none', type: 'array', ...(surname && { surname: 'head' }) });
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

/**
 * A Chinese name in Hanyu Pinyin, word by word as ICU's dictionary segments it, each word
 * capitalised and without tones (丰泽社区便民服务点 → "Fengze Shequ Bianmin Fuwu Dian"); what is
 * not Chinese is kept as written. The fallback for a name nobody has given in English: readable
 * to a foreign reader, and marked as a transliteration wherever it is shown.
 */
export function romanize(chinese: string): string {
  let out = '';
  for (const { segment } of WORDS.segment(chinese.trim())) {
    if (!HAN.test(segment)) {
      out += segment;
      continue;
    }
    const word = syllables(segment, { surname: false }).join('');
    out += `${out && !/[\s(（“"]$/u.test(out) ? ' ' : ''}${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门'.split(' '),
);

/**
 * A Chinese person's name as English writes it: pinyin, surname first, then the given name in one
 * word (王立新 → "Wang Lixin", 欧阳修 → "Ouyang Xiu"), surnames read as surnames (单 → Shan).
 * A name not in Chinese characters is kept as written.
 */
export function personName(chinese: string): string {
  const name = chinese.trim();
  if (!/^\p{Script=Han}{2,4}$/u.test(name)) return name;
  const parts = syllables(name, { surname: true });
  const split = COMPOUND_SURNAMES.has(name.slice(0, 2)) && name.length > 2 ? 2 : 1;
  const word = (parts: string[]) => parts.join('').replace(/^./, (c) => c.toUpperCase());
  return `${word(parts.slice(0, split))} ${word(parts.slice(split))}`;
}
