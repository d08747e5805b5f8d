/**
 * The shortest edit script of two token sequences: jsdiff's Myers search (diff v9, `Diff#diffWithOptionsObj` with its
 * diagonal pruning and its tie-breaks) step for step, so the result is the one `diffWordsWithSpace` gives for the
 * same tokens. jsdiff allocates two objects for each step of the search; two texts of a few hundred characters that
 * differ throughout take ~10⁵ steps, tens of milliseconds each diff on the server. Here the search keeps its paths in
 * typed arrays and compares tokens by number.
 */

export type RunKind = 'same' | 'added' | 'removed';

/** `count` tokens that both sequences share, or that only the older (removed) or newer (added) one has. */
export type TokenRun = { readonly kind: RunKind; readonly count: number };

const SAME = 0;
const ADDED = 1;
const REMOVED = 2;
const KINDS: readonly RunKind[] = ['same', 'added', 'removed'];

/** The runs of every path the search made, each pointing to the run before it (-1: none); shared between paths. */
class Runs {
  count = new Int32Array(1024);
  previous = new Int32Array(1024);
  kind = new Uint8Array(1024);
  size = 0;

  push(count: number, kind: number, previous: number): number {
    if (this.size === this.count.length) {
      const grow = <T extends Int32Array | Uint8Array>(array: T, make: (length: number) => T): T => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.count = grow(this.count, (length) => new Int32Array(length));
      this.previous = grow(this.previous, (length) => new Int32Array(length));
      this.kind = grow(this.kind, (length) => new Uint8Array(length));
    }
    this.count[this.size] = count;
    this.previous[this.size] = previous;
    this.kind[this.size] = kind;
    return this.size++;
  }

  /** One more added or removed token after `last`: jsdiff extends a run of the same kind into a new run. */
  extend(last: number, kind: number): number {
    return last !== -1 && this.kind[last] === kind
      ? this.push(this.count[last]! + 1, kind, this.previous[last]!)
      : this.push(1, kind, last);
  }

  list(last: number): TokenRun[] {
    const runs: TokenRun[] = [];
    for (let run = last; run !== -1; run = this.previous[run]!) runs.push({ kind: KINDS[this.kind[run]!]!, count: this.count[run]! });
    return runs.reverse();
  }
}

const numbered = (olds: readonly string[], news: readonly string[]): [Int32Array, Int32Array] => {
  const ids = new Map<string, number>();
  const idOf = (token: string): number => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    return id;
  };
  return [Int32Array.from(olds, idOf), Int32Array.from(news, idOf)];
};

/**
 * The runs that turn `oldTokens` into `newTokens` (tokens equal when ===), or undefined when that takes more than
 * `maxEdits` added and removed tokens: what jsdiff's `diff(…, { maxEditLength })` returns, as counts of tokens.
 */
export const tokenRuns = (oldTokens: readonly string[], newTokens: readonly string[], maxEdits: number): TokenRun[] | undefined => {
  const [olds, news] = numbered(oldTokens, newTokens);
  const oldLen = olds.length;
  const newLen = news.length;
  const maxEditLength = Math.min(oldLen + newLen, maxEdits);
  const runs = new Runs();
  // The furthest path found on each diagonal (jsdiff's bestPath, whose index may be negative): the last old token
  // it reached, and its last run.
  const offset = maxEditLength + 1;
  const found = new Uint8Array(2 * offset + 1);
  const pathOld = new Int32Array(2 * offset + 1);
  const pathRun = new Int32Array(2 * offset + 1);

  // Follows equal tokens down a diagonal from a path's end; sets these two.
  let oldPos = 0;
  let newPos = 0;
  const extractCommon = (fromOld: number, run: number, diagonal: number): number => {
    oldPos = fromOld;
    newPos = oldPos - diagonal;
    let common = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && olds[oldPos + 1] === news[newPos + 1]) {
      newPos += 1;
      oldPos += 1;
      common += 1;
    }
    return common ? runs.push(common, SAME, run) : run;
  };

  const seed = extractCommon(-1, -1, 0);
  if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) return runs.list(seed);
  found[offset] = 1;
  pathOld[offset] = oldPos;
  pathRun[offset] = seed;

  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength += 1) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const removeAt = diagonal - 1 + offset;
      const addAt = diagonal + 1 + offset;
      const hasRemove = found[removeAt] === 1;
      const hasAdd = found[addAt] === 1;
      const removeOld = pathOld[removeAt]!;
      const addOld = pathOld[addAt]!;
      if (hasRemove) found[removeAt] = 0;
      const canAdd = hasAdd && 0 <= addOld - diagonal && addOld - diagonal < newLen;
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        found[diagonal + offset] = 0;
        continue;
      }
      const run =
        !canRemove || (canAdd && removeOld < addOld)
          ? extractCommon(addOld, runs.extend(pathRun[addAt]!, ADDED), diagonal)
          : extractCommon(removeOld + 1, runs.extend(pathRun[removeAt]!, REMOVED), diagonal);
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) return runs.list(run);
      found[diagonal + offset] = 1;
      pathOld[diagonal + offset] = oldPos;
      pathRun[diagonal + offset] = run;
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  return undefined;
};
