/** The real `pia` process (bin/pia.js): its exit codes and output streams, and that a commit needs a name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { piaProcess } from '../helpers/pia.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('bin/pia.js', () => {
  it('validates the bundled samples: exit 0, one line per file on stdout', () => {
    const { code, out } = piaProcess(['validate', 'assessments']);
    expect(code).toBe(0);
    expect(out.match(/✓/g)).toHaveLength(3);
  });

  it('commits with the name from the environment (PIA_AUTHOR)', async () => {
    const file = await copySeed(temp.dir, '004-ise-yobosesshu');
    const done = piaProcess(['revise', file, '-m', '公表版'], { PIA_AUTHOR: '健康課 伊勢' });
    expect(done.code).toBe(0);
    expect(done.out).toContain('第1版を作成しました');
  });
});
