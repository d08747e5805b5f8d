import { describe, expect, it } from 'vitest';
import { runMergeRace } from '../../stress/merge-race.mjs';

describe('editors racing on one assessment through the HTTP API (fast variant of stress/merge.stress.mts)', () => {
  it('loses no change when 5 clients save 20 times each into different items, merging on every 409', async () => {
    const figures = await runMergeRace({ clients: 5, savesPerClient: 20, maxPauseMs: 100 });
    expect(figures.saves).toBe(100);
    // The race really happened: saves were refused and merged, not lined up one after another.
    expect(figures.refused).toBeGreaterThan(0);
    expect({ lost: figures.lost, conflicts: figures.conflicts, corrupted: figures.corrupted }).toEqual({ lost: 0, conflicts: 0, corrupted: 0 });
  }, 180_000);
});
