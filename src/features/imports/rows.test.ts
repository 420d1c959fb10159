import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { channels, outcomes, parseYesNo, ratings } from './columns.ts';
import { channelPointDirectory, chinaInstant, mapHeader, parseDate, parseTime, toConsultationRecord } from './rows.ts';

describe('reading the cells of a form', () => {
  it('reads days as people and spreadsheets write them', () => {
    for (const text of ['2026-05-15', '2026/5/15', '2026.05.15', '2026年5月15日', ' 2026 - 5 - 15 '])
      expect(parseDate(text.trim()), text).toEqual({ date: '2026-05-15', minutes: null });
    expect(parseDate('2026/5/15 9:30')).toEqual({ date: '2026-05-15', minutes: 570 });
    expect(parseDate(46157)).toEqual({ date: '2026-05-15', minutes: null });
    expect(parseDate(46157.5)).toEqual({ date: '2026-05-15', minutes: 720 });
    expect(parseDate(44695, true)).toEqual({ date: '2026-05-15', minutes: null });
    for (const bad of ['2026-02-30', '15/05/2026', 'tomorrow', '1900-01-01', ''])
      expect(parseDate(bad), bad).toBeUndefined();
  });

  it('reads times, and instants in China’s time', () => {
    expect(parseTime('9:30')).toBe(570);
    expect(parseTime('09:30:15')).toBe(570);
    expect(parseTime('14时05分')).toBe(845);
    expect(parseTime(0.75)).toBe(1080);
    expect(parseTime('25:00')).toBeUndefined();
    expect(chinaInstant('2026-05-15', 570)).toBe('2026-05-15T09:30:00+08:00');
  });

  it('takes the Chinese words, the English ones and the API codes for the fixed lists', () => {
    expect(['现场', 'on_site', 'On site', 'ON SITE'].map((w) => channels.parse(w))).toEqual(Array(4).fill('on_site'));
    expect(outcomes.parse('登记后答复')).toBe('follow_up');
    expect(ratings.parse('基本满意')).toBe('basically_satisfied');
    expect(ratings.parse('还行')).toBeUndefined();
    expect(['是', 'yes', '√', '1'].map(parseYesNo)).toEqual([true, true, true, true]);
    expect(['否', 'No', '0'].map(parseYesNo)).toEqual([false, false, false]);
  });

  it('maps Chinese or English headers, and refuses unknown or repeated ones', () => {
    const header = mapHeader('consultations', {
      row: 1,
      cells: ['Date', '问题', 'Visitor name *', '电话(手机)', '单位'],
    });
    expect([...header.index]).toEqual([
      ['date', 0],
      ['question', 1],
      ['visitorName', 2],
      ['visitorPhone', 3],
    ]);
    let error: unknown;
    try {
      mapHeader('consultations', { row: 1, cells: ['日期', 'date', '备注'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual([
      { field: 'column date', reason: 'repeats the column 日期', reasonZh: '与“日期”列重复' },
      { field: 'column 备注', reason: 'is not a column of the Visit records form', reasonZh: '不是来访登记表的列' },
    ]);
  });

  it('applies the rules of a visit record to a row', () => {
    const header = mapHeader('consultations', {
      row: 1,
      cells: ['日期', '问题', '处理方式', '姓名', '同意保留联系方式'],
    });
    const read = (cells: string[]) => toConsultationRecord({ row: 7, cells }, header, new Map());
    expect(read(['2026-05-15', '问', '当场答复', '', '']).record).toMatchObject({
      occurredAt: '2026-05-15T00:00:00+08:00',
      outcome: 'answered_on_spot',
      channel: 'on_site',
      contactConsent: false,
    });
    expect(read(['2026-05-15', '', '转办', '张三', '否']).errors).toEqual([
      {
        row: 7,
        column: '同意保留联系方式',
        value: '否',
        reason: 'a name or phone may be kept only with the visitor’s consent (是)',
        reasonZh: '来访人同意（“是”）后方可登记姓名或电话',
      },
      {
        row: 7,
        column: '处理方式',
        value: '转办',
        reason: 'needs a question in the same row',
        reasonZh: '同一行须填写咨询问题',
      },
    ]);
  });

  it('reads a service handled on the spot with what was handled, and the receiver by name', () => {
    const header = mapHeader('consultations', {
      row: 1,
      cells: ['日期', '问题', '处理方式', '办理事项', '接待人'],
    });
    const staff = new Map([['王立新', 'a0000000-0000-7000-8000-000000000001']]);
    const read = (cells: string[]) => toConsultationRecord({ row: 3, cells }, header, new Map(), staff);
    expect(read(['2026-05-15', '打印证明', '当场办结', '打印参保证明', ' 王 立新 ']).record).toMatchObject({
      outcome: 'handled_on_spot',
      handledMatter: '打印参保证明',
      receivedBy: 'a0000000-0000-7000-8000-000000000001',
    });
    expect(read(['2026-05-15', '打印证明', '现场办理', '', '']).errors).toEqual([
      {
        row: 3,
        column: '办理事项',
        value: '',
        reason: 'is required when handled on the spot',
        reasonZh: '处理结果为“现场办理”时必须填写',
      },
    ]);
    expect(read(['2026-05-15', '问', '当场答复', '打印参保证明', '李四']).errors).toEqual([
      {
        row: 3,
        column: '办理事项',
        value: '打印参保证明',
        reason: 'needs the outcome 现场办理',
        reasonZh: '只在处理结果为“现场办理”时填写',
      },
      {
        row: 3,
        column: '接待人',
        value: '李四',
        reason: "is not one of this unit's staff on duty in the plan",
        reasonZh: '不是本单位方案中的值班工作人员',
      },
    ]);
  });

  it('reads the partner organisation that answered by name, at its desk only', () => {
    const header = mapHeader('consultations', { row: 1, cells: ['日期', '咨询台', '问题', '合作单位'] });
    const desks = new Map([
      ['供热服务台', { id: 'd0000000-0000-7000-8000-000000000001', siteId: 's0000000-0000-7000-8000-000000000001' }],
      ['政策咨询台', { id: 'd0000000-0000-7000-8000-000000000002', siteId: 's0000000-0000-7000-8000-000000000001' }],
    ]);
    const partners = new Map([
      ['葫芦岛市华建管道公司', { id: 'p0000000-0000-7000-8000-000000000001', deskIds: [desks.get('供热服务台')!.id] }],
    ]);
    const read = (cells: string[]) => toConsultationRecord({ row: 3, cells }, header, desks, new Map(), partners);
    expect(read(['2026-05-15', '供热服务台', '暖气不热', '葫芦岛市 华建管道公司']).record).toMatchObject({
      partnerId: 'p0000000-0000-7000-8000-000000000001',
    });
    expect(read(['2026-05-15', '政策咨询台', '问', '葫芦岛市华建管道公司']).errors).toEqual([
      {
        row: 3,
        column: '合作单位',
        value: '葫芦岛市华建管道公司',
        reason: 'is not a partner at this desk',
        reasonZh: '不是该服务台的联合设台单位',
      },
    ]);
    expect(read(['2026-05-15', '', '问', '热力协会']).errors).toEqual([
      {
        row: 3,
        column: '合作单位',
        value: '热力协会',
        reason: "is not a partner organisation at this unit's desks",
        reasonZh: '不是本单位服务台的联合设台单位',
      },
    ]);
  });

  it('reads the hotline or mailbox a call or letter came through, by its name or number', () => {
    const header = mapHeader('consultations', { row: 1, cells: ['日期', '渠道', '热线或意见箱', '问题'] });
    const hotline = 'c0000000-0000-7000-8000-000000000001';
    const mailbox = 'c0000000-0000-7000-8000-000000000002';
    const points = channelPointDirectory([
      { id: hotline, kind: 'hotline', name: '石门乡政务服务热线', nameEn: 'Shimen hotline', number: '400-812 3456' },
      { id: mailbox, kind: 'mailbox', name: '箱子村意见箱', nameEn: null, number: null },
    ]);
    const read = (cells: (string | number)[]) =>
      toConsultationRecord({ row: 4, cells }, header, new Map(), new Map(), new Map(), points);
    // By name (spaces and width aside), English name or number however it is written; an empty
    // channel takes the point's kind.
    for (const named of ['石门乡 政务服务热线', 'shimen hotline', '(400)8123456', '400-812-3456', 4008123456])
      expect(read(['2026-05-15', '', named, '问']).record, String(named)).toMatchObject({
        channel: 'hotline',
        channelPointId: hotline,
      });
    expect(read(['2026-05-15', '来信', '箱子村意见箱', '问']).record).toMatchObject({
      channel: 'mailbox',
      channelPointId: mailbox,
    });
    expect(read(['2026-05-15', '热线', '', '问']).record).toMatchObject({ channel: 'hotline', channelPointId: null });
    // A mailbox named on a call, and one the unit does not have, are refused naming the row and column.
    expect(read(['2026-05-15', '热线', '箱子村意见箱', '问']).errors).toEqual([
      {
        row: 4,
        column: '热线或意见箱',
        value: '箱子村意见箱',
        reason: 'is a mailbox (信箱): the channel must be 信箱',
        reasonZh: '是信箱，渠道应为“信箱”',
      },
    ]);
    expect(read(['2026-05-15', '热线', '12345', '问']).errors).toEqual([
      {
        row: 4,
        column: '热线或意见箱',
        value: '12345',
        reason: "is not the name or number of one of this unit's hotlines or mailboxes in the campaign",
        reasonZh: '不是本单位本次活动热线或信箱的名称或号码',
      },
    ]);
  });
});
