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
    // The pauses between attempts a tenth of the editor's: the retries collide more often (more 409s, more
    // merges on the client), and the run takes ~5 s instead of ~12 s, most of which was waiting.
    const retryWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / 10));
    const figures = await runMergeRace({ clients: 5, savesPerClient: 20, maxPauseMs: 100, serverMerge: false, retryWait });
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.mergedByServer).toBe(0);
    expect({ lost: figures.lost, conflicts: figures.conflicts, corrupted: figures.corrupted }).toEqual(NO_LOSS);
  }, 180_000);
});
