import { describe, expect, it } from 'vitest';
import { judgeThreshold, parseCountRange, type Level } from '../../src/checks/index.js';

describe('judgeThreshold: the table of rules.md §2.2 at every boundary', () => {
  it.each([
    // persons, handlers, accident, level
    [999, 100, false, 'NONE'],
    [999, 600, true, 'NONE'],
    [1_000, 100, false, 'KISO'],
    [1_000, 600, true, 'KISO'],
    [9_999, 600, true, 'KISO'],
    [10_000, 100, false, 'KISO'],
    [10_000, 499, false, 'KISO'],
    [10_000, 500, false, 'JUTEN'],
    [10_000, 100, true, 'JUTEN'],
    [99_999, 499, false, 'KISO'],
    [99_999, 500, false, 'JUTEN'],
    [99_999, 100, true, 'JUTEN'],
    [100_000, 499, false, 'JUTEN'],
    [100_000, 500, false, 'ZENKOMOKU'],
    [100_000, 100, true, 'ZENKOMOKU'],
    [299_999, 499, false, 'JUTEN'],
    [299_999, 500, false, 'ZENKOMOKU'],
    [299_999, 499, true, 'ZENKOMOKU'],
    [300_000, 100, false, 'ZENKOMOKU'],
    [300_000, 600, true, 'ZENKOMOKU'],
  ] as const)('%i persons, %i handlers, 重大事故 %s → %s', (personCount, handlerCount, seriousAccident, level) => {
    const judgement = judgeThreshold({ personCount, handlerCount, seriousAccident });
    expect(judgement.level).toBe(level);
    expect(judgement.possible).toEqual([level]);
  });

  it('takes the declared 500人以上 / 500人未満 when the exact handler count is unknown', () => {
    expect(judgeThreshold({ personCount: 50_000, handlersAtLeast500: true, seriousAccident: false }).level).toBe(
      'JUTEN',
    );
    expect(judgeThreshold({ personCount: 50_000, handlersAtLeast500: false, seriousAccident: false }).level).toBe(
      'KISO',
    );
    // An exact count wins over a stale declaration.
    expect(
      judgeThreshold({ personCount: 50_000, handlerCount: 20, handlersAtLeast500: true, seriousAccident: false }).level,
    ).toBe('KISO');
  });

  it('counts a 重大事故 only within the year before the しきい値判断 date', () => {
    const base = { personCount: 150_000, handlerCount: 20, seriousAccident: true, judgedOn: '2025-08-19' } as const;
    expect(judgeThreshold({ ...base, accidentLearnedOn: '2024-08-19' }).level).toBe('ZENKOMOKU');
    expect(judgeThreshold({ ...base, accidentLearnedOn: '2024-08-18' }).level).toBe('JUTEN');
  });

  it('gives every possible level when 取扱者数 or 重大事故 is open, and says so step by step', () => {
    const judgement = judgeThreshold({ personCount: parseCountRange('10万人以上30万人未満')! });
    expect(judgement.level).toBeUndefined();
    expect(judgement.possible).toEqual<Level[]>(['JUTEN', 'ZENKOMOKU']);
    expect(judgement.steps).toEqual([
      '対象人数: 10万人以上30万人未満（③対象人数の選択肢。実数は未記録）',
      '取扱者数（委託先を含む）: 未記録',
      '過去１年以内の重大事故: 未申告',
      '表の行: 対象人数10万人以上30万人未満・取扱者数・重大事故が未記録のため両方の列 → 基礎項目評価及び重点項目評価 又は 基礎項目評価及び全項目評価',
      '判断結果: 未確定（基礎項目評価及び重点項目評価 又は 基礎項目評価及び全項目評価のいずれか。取扱者数と重大事故の有無を記録すると確定します）',
    ]);
  });

  it('is settled by one aggravating input even when the other is open, or by a row where they do not matter', () => {
    expect(judgeThreshold({ personCount: 150_000, handlerCount: 800 }).level).toBe('ZENKOMOKU');
    const small = judgeThreshold({ personCount: 5_000 });
    expect(small.level).toBe('KISO');
    expect(small.steps).toContain('表の行: 対象人数1,000人以上1万人未満・取扱者数・重大事故によらず → 基礎項目評価のみ');
  });

  it('explains an exact computation with the row of the table that applied', () => {
    const { steps } = judgeThreshold({ personCount: 123_456, handlerCount: 600, seriousAccident: false });
    expect(steps).toEqual([
      '対象人数: 123,456人（実数）',
      '取扱者数（委託先を含む）: 600人 → 500人以上',
      '過去１年以内の重大事故: なし（申告）',
      '表の行: 対象人数10万人以上30万人未満・取扱者数500人以上又は重大事故あり → 基礎項目評価及び全項目評価',
      '判断結果: 基礎項目評価及び全項目評価',
    ]);
  });
});

describe('parseCountRange reads the ＜選択肢＞ bounds', () => {
  it.each([
    ['1,000人未満', { min: 0, max: 1_000 }],
    ['1,000人以上1万人未満', { min: 1_000, max: 10_000 }],
    ['10万人以上30万人未満', { min: 100_000, max: 300_000 }],
    ['30万人以上', { min: 300_000 }],
    ['500人以上1,000人未満', { min: 500, max: 1_000 }],
    ['1,000万人以上', { min: 10_000_000 }],
    ['システム用ファイル', undefined],
    [null, undefined],
  ] as const)('%s', (option, range) => {
    expect(parseCountRange(option)).toEqual(range);
  });
});
