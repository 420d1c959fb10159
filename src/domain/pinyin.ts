import { pinyin } from 'pinyin-pro';

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
    const word = pinyin(segment, { toneType: 'none', type: 'array' }).join('');
    out += `${out && !/[\s(（“"]$/u.test(out) ? ' ' : ''}${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}
