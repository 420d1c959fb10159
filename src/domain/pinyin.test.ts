import { describe, expect, it } from 'vitest';
import { personName, romanize } from './pinyin.ts';

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

describe('personName', () => {
  it('writes surname first, then the given name in one word', () => {
    expect(personName('王立新')).toBe('Wang Lixin');
    expect(personName('韩冬')).toBe('Han Dong');
    expect(personName('欧阳修')).toBe('Ouyang Xiu');
  });

  it('reads a surname as a surname', () => expect(personName('单雄')).toBe('Shan Xiong'));

  it('keeps a name not in Chinese characters as written', () => expect(personName('Anna Li')).toBe('Anna Li'));
});
