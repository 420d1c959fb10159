import { describe, expect, it } from 'vitest';
import { detectPersonalData, maskPersonalData } from './personal-data.ts';

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

describe('maskPersonalData', () => {
  const facts = { name: '王秀英', phone: '13800001234', email: null };
  const masked = (text: string) => maskPersonalData(text, facts);

  it('masks names after 姓, before 先生/女士, and the visitor’s own name', () => {
    expect(masked('王秀英女士反映，姓张的师傅已上门，李先生也来电').text).toBe(
      '某女士反映，姓某的师傅已上门，某先生也来电',
    );
    expect(masked('这位先生的问题').text).toBe('这位先生的问题');
    expect(masked('来访人名叫刘大伟').text).toBe('来访人名叫某某');
  });

  it('masks phone numbers, 18-digit ID numbers, e-mail and house addresses, listing each', () => {
    const result = masked('住幸福路12号3单元501室，电话１３８００００１２３４，身份证11010119900307123X，邮箱 a@b.cn');
    expect(result.text).toBe('住***，电话***，身份证***，邮箱 ***');
    expect(result.found.map((f) => f.kind).sort()).toEqual(['address', 'email', 'id_number', 'phone']);
    expect(masked('阳光小区3号楼2单元501室').found).toEqual([{ kind: 'address', text: '阳光小区3号楼2单元501室' }]);
  });

  it('masks a number written in brackets with its brackets, and an area code in brackets with the number', () => {
    expect(masked('请回电（13912345678），谢谢').text).toBe('请回电***，谢谢');
    expect(masked('座机(0414)2223333转1').text).toBe('座机***转1');
  });

  it('leaves service hotlines, windows, dates and office buildings alone', () => {
    const text = '拨打12345热线，到政务中心3号楼第3号窗口，2026-05-15起办理';
    expect(masked(text)).toEqual({ text, found: [] });
  });
});
