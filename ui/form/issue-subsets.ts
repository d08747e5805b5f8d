import type { ValidationIssue } from '../../src/schema/issues.js';

/**
 * Issues split by place (a part, an item), each subset kept as the same array while its content is the same:
 * Lit compares properties by identity, so a place whose issues did not change is not re-rendered when the
 * document's issue list is replaced after a validation.
 */
export class IssueSubsets {
  private readonly subsets = new Map<string, { key: string; issues: ValidationIssue[] }>();

  of(place: string, issues: ValidationIssue[]): ValidationIssue[] {
    const key = issues.map((issue) => `${issue.pointer}\u0000${issue.message}`).join('\u0001');
    const kept = this.subsets.get(place);
    if (kept?.key === key) return kept.issues;
    this.subsets.set(place, { key, issues });
    return issues;
  }
}
