import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Finding, FormId, ValidationIssue } from '../../src/server/dto.js';
import { ApiFailure, api, conflictOf } from '../api/client.js';
import { withValueAt } from '../form/pointer.js';
import { validateInWorker } from '../validation/live-validator.js';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

/** Another version was saved while this one was being edited: both are kept until the user decides. */
export type Conflict = { theirs: Record<string, unknown>; theirsEtag: string; mine: Record<string, unknown> };

/** The version the user did not keep, still available to copy from. */
export type SetAside = { label: 'theirs' | 'mine'; data: Record<string, unknown> };

const AUTOSAVE_DELAY_MS = 1200;
const VALIDATE_DELAY_MS = 150;

/**
 * Holds one draft: loads it, applies edits, validates live with the same schema as the server, autosaves with
 * If-Match, and turns a 409 into a conflict the user resolves. Nothing typed is dropped: a save that races an
 * edit leaves the draft dirty, and a conflict keeps both versions.
 */
export class AssessmentController implements ReactiveController {
  id = '';
  form: FormId | undefined;
  data: Record<string, unknown> | undefined;
  issues: readonly ValidationIssue[] = [];
  /** Consistency findings (rules.md) of the draft on disk, refreshed after each save. */
  findings: readonly Finding[] = [];
  saveState: SaveState = 'saved';
  error = '';
  conflict: Conflict | undefined;
  setAside: SetAside | undefined;
  private etag = '';
  private autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
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

  async load(id: string): Promise<void> {
    this.id = id;
    this.data = undefined;
    this.error = '';
    this.host.requestUpdate();
    try {
      const loaded = await api.get(id);
      this.form = loaded.form;
      this.data = loaded.data;
      this.etag = loaded.etag;
      // The server validated this very draft with the same schema; compiling the browser's validator can wait
      // until the form is on screen.
      this.issues = loaded.issues;
      this.saveState = 'saved';
      this.scheduleValidation();
      void this.refreshFindings();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
  }

  setValue(pointer: string, value: unknown): void {
    if (!this.data) return;
    this.data = withValueAt(this.data, pointer, value);
    this.saveState = 'dirty';
    this.scheduleValidation();
    if (!this.conflict) this.scheduleAutosave();
    this.host.requestUpdate();
  }

  /** Save now (and wait for any save already on the way). Resolves once the draft on disk is this one or a conflict is shown. */
  async save(): Promise<void> {
    clearTimeout(this.autosaveTimer);
    while (this.saving) await this.saving;
    if (this.saveState === 'saved' || this.conflict || !this.data) return;
    this.saving = this.put(this.data, this.etag);
    await this.saving;
    this.saving = undefined;
  }

  resolveConflict(keep: 'theirs' | 'mine'): void {
    const conflict = this.conflict;
    if (!conflict) return;
    this.conflict = undefined;
    this.etag = conflict.theirsEtag;
    if (keep === 'theirs') {
      this.data = conflict.theirs;
      this.setAside = { label: 'mine', data: conflict.mine };
      this.saveState = 'saved';
      void this.validate();
    } else {
      this.data = conflict.mine;
      this.setAside = { label: 'theirs', data: conflict.theirs };
      this.saveState = 'dirty';
      void this.save();
    }
    this.host.requestUpdate();
  }

  private async put(data: Record<string, unknown>, etag: string): Promise<void> {
    this.saveState = 'saving';
    this.host.requestUpdate();
    try {
      const saved = await api.save(this.id, etag, data);
      this.etag = saved.etag;
      this.error = '';
      // Edits made while the request was on the way are not on disk yet.
      this.saveState = this.data === data ? 'saved' : 'dirty';
      if (this.saveState === 'dirty') this.scheduleAutosave();
      void this.refreshFindings();
    } catch (error) {
      const theirs = conflictOf(error);
      if (theirs) {
        this.conflict = { theirs: theirs.data, theirsEtag: theirs.etag, mine: this.data ?? data };
        this.saveState = 'dirty';
      } else {
        this.saveState = 'error';
        this.error = error instanceof ApiFailure ? error.message : String(error);
      }
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
    this.autosaveTimer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
  }

  private scheduleValidation(): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), VALIDATE_DELAY_MS);
  }

  /** In a worker, so a keystroke's frame never waits for it; a result for a draft edited since is dropped. */
  private async validate(): Promise<void> {
    const data = this.data;
    if (!data) return;
    try {
      const issues = await validateInWorker(data);
      if (this.data !== data) return;
      this.issues = issues;
      this.host.requestUpdate();
    } catch {
      // The issues shown stay as they were; the server validates every save with the same schema.
    }
  }
}
