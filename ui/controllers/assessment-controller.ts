import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Finding, FormId, ValidationIssue } from '../../src/server/dto.js';
import {
  merge3,
  restoreItem,
  saveMerging,
  type Doc,
  type IncomingChange,
  type MergeResult,
  type Side,
  type StoredVersion,
} from '../../src/merge/index.js';
import { ApiFailure, api } from '../api/client.js';
import { withValueAt } from '../form/pointer.js';
import { msg } from '../messages.ja.js';
import { validateInWorker } from '../validation/live-validator.js';
import type { FieldEdit } from '../validation/messages.js';
import { UndoStack, redoStep, undoStep } from './undo-stack.js';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

/**
 * Items both this editor and someone else changed, to different values: the three versions are kept until the
 * user has chosen per item; everything else is already merged.
 */
export type Conflict = { readonly merge: MergeResult; readonly base: Doc; readonly mine: Doc; readonly theirs: StoredVersion };

const AUTOSAVE_DELAY_MS = 1200;
/**
 * Browser tests that are not about this pause set a shorter one before the page loads (tests/ui/support.ts
 * quickAutosave): each of their waits for "保存済み" otherwise sat out the 1.2 s a person's typing needs.
 */
const autosaveDelay = (): number => (globalThis as { piaAutosaveDelayMs?: number }).piaAutosaveDelayMs ?? AUTOSAVE_DELAY_MS;
const VALIDATE_DELAY_MS = 150;
/** The loaded draft is validated (and copied to the worker) once the page is idle, at the latest after this. */
const IDLE_VALIDATE_TIMEOUT_MS = 3000;

/** Typing (texts, numbers, lists of lines) is grouped per field; choices, boxes and entries are a step each. */
const isTyping = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

const sameIssues = (a: readonly ValidationIssue[], b: readonly ValidationIssue[]): boolean =>
  a.length === b.length && a.every((issue, index) => issue.pointer === b[index]!.pointer && issue.message === b[index]!.message);

/**
 * Holds one draft: loads it, applies edits, validates live with the same schema as the server, autosaves with
 * If-Match, keeps the undo history, and on a 409 merges the other version in item by item (saveMerging); only
 * items both sides changed differently become a conflict the user resolves. Nothing typed is dropped: a save
 * that races an edit leaves the draft dirty, and a merge reads the draft as it is at that moment.
 */
export class AssessmentController implements ReactiveController {
  id = '';
  form: FormId | undefined;
  data: Doc | undefined;
  issues: readonly ValidationIssue[] = [];
  /** Consistency findings (rules.md) of the draft on disk, refreshed after each save. */
  findings: readonly Finding[] = [];
  saveState: SaveState = 'saved';
  error = '';
  conflict: Conflict | undefined;
  /** Items that came in from someone else's save by the last merges, until the user dismisses the notice. */
  incoming: readonly IncomingChange[] = [];
  readonly history = new UndoStack();
  /** The version on disk the draft was made from (its etag is the If-Match of the next save). */
  private base: StoredVersion = { etag: '', data: {} };
  private autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  /** The draft last handed to the validator, and the fields edited since (undefined: an edit of another kind). */
  private validated: { data: Doc; edits: FieldEdit[] | undefined } | undefined;
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.hasUnsavedChanges) return;
    event.preventDefault();
    event.returnValue = '';
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    clearTimeout(this.autosaveTimer);
    clearTimeout(this.validateTimer);
  }

  get hasUnsavedChanges(): boolean {
    return this.saveState !== 'saved' || this.conflict !== undefined;
  }

  /** The version on disk the draft was made from: a commit names it, so one of a version never seen is refused. */
  get baseEtag(): string {
    return this.base.etag;
  }

  async load(id: string): Promise<void> {
    this.id = id;
    this.data = undefined;
    this.error = '';
    this.history.clear();
    this.incoming = [];
    this.host.requestUpdate();
    try {
      const loaded = await api.get(id);
      this.form = loaded.form;
      this.data = loaded.data;
      this.base = { etag: loaded.etag, data: loaded.data };
      // The server validated this very draft with the same schema; compiling the browser's validator can wait
      // until the form is on screen.
      this.issues = loaded.issues;
      this.saveState = 'saved';
      this.validated = undefined;
      // The worker gets the draft when the page is idle, so later keystrokes send it only the field typed into.
      requestIdleCallback(() => void this.validate(), { timeout: IDLE_VALIDATE_TIMEOUT_MS });
      void this.refreshFindings();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
  }

  setValue(pointer: string, value: unknown): void {
    if (!this.data) return;
    this.record(withValueAt(this.data, pointer, value), msg('stepEdit'), isTyping(value) ? pointer : undefined, { pointer, value });
  }

  /** Any change of the draft, as one undoable step (steps typed into one field in a row are joined). */
  applyEdit(next: Doc, label: string, coalesceKey?: string): void {
    this.record(next, label, coalesceKey);
  }

  private record(next: Doc, label: string, coalesceKey: string | undefined, edit?: FieldEdit): void {
    if (!this.data || next === this.data) return;
    this.history.record({ before: this.data, after: next, label }, coalesceKey);
    this.replaceData(next, edit);
  }

  /** Takes one item or group entry back as it reads in `source` (a revision): one undoable step. False if nothing changed. */
  restore(source: Doc, pointer: string, pointerIn: Doc | undefined, label: string): boolean {
    if (!this.data || !this.form) return false;
    const restored = restoreItem(this.form, this.data, source, pointer, pointerIn ?? this.data);
    if (!restored) return false;
    this.applyEdit(restored, label);
    return true;
  }

  undo(): void {
    const step = this.history.takeUndo();
    if (step && this.data && this.form) this.replaceData(undoStep(this.form, step, this.data));
  }

  redo(): void {
    const step = this.history.takeRedo();
    if (step && this.data && this.form) this.replaceData(redoStep(this.form, step, this.data));
  }

  dismissIncoming(): void {
    this.incoming = [];
    this.host.requestUpdate();
  }

  /** Save now (and wait for any save already on the way). Resolves once the draft on disk is this one or a conflict is shown. */
  async save(): Promise<void> {
    clearTimeout(this.autosaveTimer);
    while (this.saving) await this.saving;
    if (this.saveState === 'saved' || this.conflict || !this.data) return;
    this.saving = this.put();
    await this.saving;
    this.saving = undefined;
  }

  /**
   * The user's choice for each conflicting item: the three versions merged again with those choices (every
   * other change of both sides kept), applied as one undoable step and saved over the version on disk.
   */
  resolveConflict(choices: Readonly<Record<string, Side>>): void {
    const conflict = this.conflict;
    if (!conflict || !this.form) return;
    const resolved = merge3(this.form, conflict.base, conflict.mine, conflict.theirs.data, { choices });
    // An edit that reached the draft after the conflict was found (a key pressed before the dialog was drawn) is
    // kept over the choices: the resolution is merged with the draft as it is now, the later edit winning.
    const current = this.data;
    const merged =
      current && current !== conflict.mine
        ? { ...resolved, merged: merge3(this.form, conflict.mine, current, resolved.merged, { otherwise: 'mine' }).merged }
        : resolved;
    this.conflict = undefined;
    this.base = conflict.theirs;
    this.adoptMerge(merged);
    void this.save();
  }

  /**
   * A version saved by someone else that this editor has not seen (a refused commit reports it), merged in as a
   * refused save's would be: the items that came in, or undefined when items conflict (the conflict dialog then
   * asks for a choice per item).
   */
  takeIn(current: StoredVersion): readonly IncomingChange[] | undefined {
    if (!this.form || !this.data || current.etag === this.base.etag) return [];
    const merge = merge3(this.form, this.base.data, this.data, current.data);
    if (merge.conflicts.length > 0) {
      this.conflict = { merge, base: this.base.data, mine: this.data, theirs: current };
      this.host.requestUpdate();
      return undefined;
    }
    const unsaved = this.data !== this.base.data;
    this.base = current;
    this.adoptMerge(merge);
    if (unsaved) this.scheduleAutosave();
    else this.saveState = 'saved';
    return merge.incoming;
  }

  /** `edit`: the one field that changed, when that is all that changed (the validator is then sent only it). */
  private replaceData(next: Doc, edit?: FieldEdit): void {
    if (this.validated) this.validated.edits = edit && this.validated.edits ? [...this.validated.edits, edit] : undefined;
    this.data = next;
    this.saveState = 'dirty';
    this.scheduleValidation();
    if (!this.conflict) this.scheduleAutosave();
    this.host.requestUpdate();
  }

  /** A merge's result becomes the draft as one undoable step, and what came in is listed for the user. */
  private adoptMerge(merge: MergeResult): void {
    if (this.data) this.history.record({ before: this.data, after: merge.merged, label: msg('stepMerge') });
    if (this.validated) this.validated.edits = undefined;
    this.data = merge.merged;
    this.incoming = [...this.incoming, ...merge.incoming];
    this.saveState = 'dirty';
    this.scheduleValidation();
    this.host.requestUpdate();
  }

  private async put(): Promise<void> {
    if (!this.form) return;
    this.saveState = 'saving';
    this.host.requestUpdate();
    try {
      const outcome = await saveMerging({
        form: this.form,
        base: this.base,
        local: () => this.data ?? {},
        put: (data, base) => api.trySave(this.id, base, data),
        onMerged: (merge, current) => {
          this.base = current;
          this.adoptMerge(merge);
          this.saveState = 'saving';
        },
        maxAttempts: 10,
      });
      if (outcome.status === 'conflict') {
        this.conflict = { merge: outcome.merge, base: outcome.base, mine: outcome.mine, theirs: outcome.theirs };
        this.saveState = 'dirty';
      } else {
        this.base = { etag: outcome.etag, data: outcome.data };
        this.error = '';
        // Edits made while the request was on the way are not on disk yet.
        this.saveState = this.data === outcome.data ? 'saved' : 'dirty';
        if (this.saveState === 'dirty') this.scheduleAutosave();
        void this.refreshFindings();
      }
    } catch (error) {
      this.saveState = 'error';
      this.error = error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
  }

  /** The checks read the saved draft; they advise and never stop editing, so a failure only leaves the old list. */
  private async refreshFindings(): Promise<void> {
    try {
      this.findings = (await api.checks(this.id)).findings;
      this.host.requestUpdate();
    } catch {
      // The editor's own validation still runs; the findings list simply stays as it was.
    }
  }

  private scheduleAutosave(): void {
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = setTimeout(() => void this.save(), autosaveDelay());
  }

  private scheduleValidation(): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), VALIDATE_DELAY_MS);
  }

  /** In a worker, so a keystroke's frame never waits for it; a result for a draft edited since is dropped. */
  private async validate(): Promise<void> {
    const data = this.data;
    if (!data || this.validated?.data === data) return;
    const since = this.validated?.edits ? { from: this.validated.data, edits: this.validated.edits } : undefined;
    this.validated = { data, edits: [] };
    try {
      const issues = await validateInWorker(data, since);
      // Typing mostly leaves the issues as they were: the same array then, so the outline and lists stay as drawn.
      if (this.data !== data || sameIssues(this.issues, issues)) return;
      this.issues = issues;
      this.host.requestUpdate();
    } catch {
      // The issues shown stay as they were; the server validates every save with the same schema.
    }
  }
}
