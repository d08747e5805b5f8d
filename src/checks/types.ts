import type { RuleId } from './messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { SnippetLibrary } from '../snippets/index.js';

/** rules.md's grading: ERROR blocks 提出・公表 (never loading or saving a draft), WARN may be acknowledged, INFO is a hint. */
export const SEVERITIES = ['ERROR', 'WARN', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing a rule found. */
export type Finding = {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Official section of the first path, e.g. `Ⅱ　特定個人情報ファイルの概要` or `表紙`. */
  readonly section: string;
  /** JSON Pointers of the items involved, the item to fix first. */
  readonly pointers: readonly string[];
  /** Official item path of each pointer, labels joined by ` > `. */
  readonly paths: readonly string[];
  readonly message: string;
  /** Set on a WARN that an acknowledgement covers; the finding stays visible with its reason. */
  readonly acknowledged?: { readonly reason: string };
};

/**
 * The officer's reason for keeping a WARN as it is. The revision store keeps these with the revision; without a
 * pointer it covers every finding of the rule.
 */
export type Acknowledgement = { readonly ruleId: string; readonly pointer?: string; readonly reason: string };

export type CheckOptions = {
  /** ISO date the reminders count from; the checks never read the clock. */
  readonly today: string;
  readonly acknowledgements?: readonly Acknowledgement[];
  /** 公表日 of the last INITIAL / REASSESS_* revision, when the revision history knows it (default: 基礎項目評価 ①実施日). */
  readonly lastReassessedOn?: string;
  /** Date of the last recorded annual review (default: 公表日). */
  readonly lastReviewedOn?: string;
  /** The data folder's standard texts, whose superseded documents the references check looks for (none: no such check). */
  readonly snippets?: SnippetLibrary;
};

/** What a rule reports before labels and sections are attached. */
export type Hit = { readonly pointers: readonly string[]; readonly message: string };

export type RuleInfo = { readonly id: RuleId; readonly severity: Severity; readonly description: string };

/** A rule's id is a key of RULE_DESCRIPTIONS_JA, so a rule without a Japanese description does not compile. */
export type Rule<Context> = Omit<RuleInfo, 'description'> & { readonly check: (context: Context) => readonly Hit[] };

export type { RuleId };

export type { FormId };
