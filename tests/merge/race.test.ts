import { describe, expect, it } from 'vitest';
import { runMergeRace } from '../../stress/merge-race.mjs';

const NO_LOSS = { lost: 0, conflicts: 0, corrupted: 0 };

describe('editors racing on one assessment through the HTTP API (fast variant of stress/merge.stress.mts)', () => {
  it('loses no change when 5 clients save 20 times each into different items, the server merging stale saves', async () => {
    const figures = await runMergeRace({ clients: 5, savesPerClient: 20, maxPauseMs: 100 });
    expect(figures.saves).toBe(100);
    // The race really happened: saves were made from versions others had moved past, and merged by the server.
    expect(figures.mergedByServer).toBeGreaterThan(0);
    expect({ lost: figures.lost, conflicts: figures.conflicts, corrupted: figures.corrupted }).toEqual(NO_LOSS);
  }, 180_000);

  it('loses no change either when every merge is the client’s, after a 409 (a server that no longer holds the base)', async () => {
    const figures = await runMergeRace({ clients: 5, savesPerClient: 20, maxPauseMs: 100, serverMerge: false });
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.mergedByServer).toBe(0);
    expect({ lost: figures.lost, conflicts: figures.conflicts, corrupted: figures.corrupted }).toEqual(NO_LOSS);
  }, 180_000);
});
