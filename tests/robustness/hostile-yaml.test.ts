/**
 * The fast sample of `npm run stress`'s hostile YAML harness: documents mutated from the bundled samples (seeded,
 * so a failure replays) through every stage the server runs on a saved draft. None may crash, and a save and
 * reload must give back the same data.
 */
import { describe, expect, it } from 'vitest';
import { runYamlBatch } from '../../stress/hostile/yaml-stages.js';
import { ROOT } from '../helpers/seeds.js';

describe('hostile YAML documents', () => {
  it('200 of them: no crash in load, validate, check, diff, outline, save or render, no change of meaning', { timeout: 600_000 }, async () => {
    const batch = await runYamlBatch({ count: 200, seed: 2026, maxSeconds: 600, root: ROOT });
    expect(batch.failures).toEqual([]);
    expect(batch.cases).toBe(200);
    // The sample reaches every stage: some documents load, some validate, some are printed.
    expect(batch.loaded).toBeGreaterThan(50);
    expect(batch.rendered).toBeGreaterThan(5);
    expect(Object.keys(batch.refusals).length).toBeGreaterThan(5);
  });
});
