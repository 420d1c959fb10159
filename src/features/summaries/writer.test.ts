import { describe, expect, it } from 'vitest';
import { paragraph } from './writer.ts';

const text = (...runs: ReturnType<typeof paragraph>['runs']) => runs.map((run) => run.text).join('');

describe('a paragraph', () => {
  it('writes one full stop after a name that ends in one', () => {
    const written = paragraph(
      { kind: 'text', text: 'It sent 1 case to ' },
      { kind: 'record', text: 'Huludao Heating Network Co., Ltd.' },
      { kind: 'text', text: '. Of 7 cases due, 4 were answered on time.' },
    );
    expect(text(...written.runs)).toBe(
      'It sent 1 case to Huludao Heating Network Co., Ltd. Of 7 cases due, 4 were answered on time.',
    );
  });

  it('keeps every other full stop, and Chinese as it is', () => {
    expect(text(...paragraph({ kind: 'text', text: 'Done.' }, { kind: 'text', text: ' Next.' }).runs)).toBe(
      'Done. Next.',
    );
    expect(text(...paragraph({ kind: 'record', text: '热网有限公司' }, { kind: 'text', text: '。' }).runs)).toBe(
      '热网有限公司。',
    );
  });
});
