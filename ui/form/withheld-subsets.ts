import type { LocatedWithheld } from '../../src/withheld/index.js';

/**
 * The document's 非公表 flags split by place (a part, an item), each subset kept as the same array while its content
 * is the same: Lit compares properties by identity, so a place whose flags did not change is not re-rendered when
 * the flags are located again after an edit (as IssueSubsets does for issues).
 */
export class WithheldSubsets {
  private readonly subsets = new Map<string, { key: string; flags: LocatedWithheld[] }>();

  of(place: string, flags: LocatedWithheld[]): LocatedWithheld[] {
    const key = JSON.stringify(flags);
    const kept = this.subsets.get(place);
    if (kept?.key === key) return kept.flags;
    this.subsets.set(place, { key, flags });
    return flags;
  }
}
