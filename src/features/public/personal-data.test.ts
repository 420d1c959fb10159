import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal-data.ts';

const none = { name: null, phone: null, email: null };

describe('findPersonalData', () => {
  it('finds phone numbers however they are written', () => {
    for (const text of [
      '请拨13812345678',
      '电话 138 1234 5678',
      '座机0429-3456789',
      '全角１３８１２３４５６７８',
      '+86 (138) 1234-5678',
    ]) {
      expect(findPersonalData(text, none), text).toMatch(/phone/);
    }
  });

  it('lets dates, short numbers and service hotlines through', () => {
    for (const text of ['2026-05-15起供暖', '拨打12345热线', '第3号窗口，9:00-17:00', '办理时限15个工作日']) {
      expect(findPersonalData(text, none), text).toBeUndefined();
    }
  });

  it("finds the visitor's name, a surname with an honorific, and e-mail addresses", () => {
    const facts = { name: '王秀英', phone: '13812345678', email: 'wang@example.com' };
    expect(findPersonalData('王秀英反映暖气不热', facts)).toMatch(/name/);
    expect(findPersonalData('王女士您好', facts)).toMatch(/name/);
    expect(findPersonalData('来信 WANG@example.com', facts)).toMatch(/e-mail/);
    expect(findPersonalData('Write to office@example.org', none)).toMatch(/e-mail/);
    expect(findPersonalData('李女士您好', facts)).toBeUndefined();
    expect(findPersonalData('Contact Wang Fang', { ...none, name: 'Wang Fang' })).toMatch(/name/);
    expect(findPersonalData('已派人检修，室温已恢复。', facts)).toBeUndefined();
  });
});
