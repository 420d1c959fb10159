import { describe, expect, it } from 'vitest';
import { detectPersonalData } from './personal-data.ts';

const none = { name: null, phone: null, email: null };

describe('detectPersonalData', () => {
  it('finds phone numbers however they are written', () => {
    for (const text of [
      '请拨13812345678',
      '电话 138 1234 5678',
      '座机0429-3456789',
      '全角１３８１２３４５６７８',
      '+86 (138) 1234-5678',
    ]) {
      expect(detectPersonalData(text, none), text).toMatch(/phone/);
    }
  });

  it('lets dates, short numbers and service hotlines through', () => {
    for (const text of ['2026-05-15起供暖', '拨打12345热线', '第3号窗口，9:00-17:00', '办理时限15个工作日']) {
      expect(detectPersonalData(text, none), text).toBeUndefined();
    }
  });

  it("finds the visitor's name, a surname with an honorific, and e-mail addresses", () => {
    const facts = { name: '王秀英', phone: '13812345678', email: 'wang@example.com' };
    expect(detectPersonalData('王秀英反映暖气不热', facts)).toMatch(/name/);
    expect(detectPersonalData('王女士您好', facts)).toMatch(/name/);
    expect(detectPersonalData('来信 WANG@example.com', facts)).toMatch(/e-mail/);
    expect(detectPersonalData('Write to office@example.org', none)).toMatch(/e-mail/);
    expect(detectPersonalData('李女士您好', facts)).toBeUndefined();
    expect(detectPersonalData('Contact Wang Fang', { ...none, name: 'Wang Fang' })).toMatch(/name/);
    expect(detectPersonalData('已派人检修，室温已恢复。', facts)).toBeUndefined();
  });
});
