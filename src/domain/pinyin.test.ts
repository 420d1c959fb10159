import { describe, expect, it } from 'vitest';
import { romanize } from './pinyin.ts';

describe('romanize', () => {
  it('writes a Chinese name in pinyin, word by word, capitalised and without tones', () => {
    expect(romanize('箱子村')).toBe('Xiangzi Cun');
    expect(romanize('重庆路社区')).toBe('Chongqing Lu Shequ');
  });

  it('keeps what is not Chinese as written', () => {
    expect(romanize('12345热线')).toBe('12345 Rexian');
    expect(romanize('A区服务台')).toMatch(/^A ?Qu/);
  });

  it('writes ü as ü, not v', () => {
    expect(romanize('绿园区')).toContain('ü');
  });

  it('leaves an English name as it is', () => expect(romanize('Heating Office')).toBe('Heating Office'));
});
