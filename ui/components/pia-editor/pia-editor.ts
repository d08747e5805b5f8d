import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FormRevision } from '../../../src/schema/labels.js';
import { formName, formRevisionOf } from '../../../src/schema/validate.js';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import type { StoredVersion } from '../../../src/merge/index.js';
import { AssessmentController } from '../../controllers/assessment-controller.js';
import { EditShortcuts } from '../../controllers/edit-shortcuts.js';
import { ReferenceController } from '../../controllers/reference-controller.js';
import { ReuseController } from '../../controllers/reuse-controller.js';
import { emit, type RestoreDetail } from '../../events.js';
import { withEntryAdded, withEntryMoved, withEntryRemoved } from '../../form/entries.js';
import { entryActions } from '../../form/entry-actions.js';
import { IssueSubsets } from '../../form/issue-subsets.js';
import { valueAt } from '../../form/pointer.js';
import { countIssuesUnder, fileNameOf, outlineOf, sectionFor, sectionsOf, type SectionSpec } from '../../form/sections.js';
import { msg } from '../../messages.ja.js';
import { lifecycleLabel } from '../../status.js';
import type { RevisionMeta } from '../../../src/server/dto.js';
import { childNode, formRoot } from '../../../src/schema/resolve.js';
import { currentSession, lockDraft, may } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';
import { useWebFontSoon } from '../../web-font.js';
import { ANY_COMMENT, comments } from '../../comments/comment-store.js';
import { CommentWatch } from '../../comments/comment-watch.js';
import { PiaFieldBase } from '../field-base.js';
import type { PiaCommentThread } from '../pia-comment-thread/pia-comment-thread.js';
import type { CommentTarget } from '../pia-comments/pia-comments.js';
import type { PiaCommitDialog } from '../pia-commit-dialog/pia-commit-dialog.js';
import type { OutlineItem } from '../pia-outline/pia-outline.js';
import type { PiaPdfPreview } from '../pia-pdf-preview/pia-pdf-preview.js';
import type { PiaSection } from '../pia-section/pia-section.js';
import { editorStyles } from './pia-editor.styles.js';
import { locateWithheld, markerOf, spanEntry, withWithheld, withoutWithheld, type LocatedWithheld } from '../../../src/withheld/index.js';
import type { PiaWithholdDialog } from '../pia-withhold-dialog/pia-withhold-dialog.js';
import { WithheldSubsets } from '../../form/withheld-subsets.js';
import '../pia-withhold-dialog/pia-withhold-dialog.js';
import '../pia-comments/pia-comments.js';
import '../pia-commit-dialog/pia-commit-dialog.js';
import '../pia-conflict-dialog/pia-conflict-dialog.js';
import '../pia-issue-list/pia-issue-list.js';
import '../pia-merge-notice/pia-merge-notice.js';
import '../pia-reference-bar/pia-reference-bar.js';
import '../pia-outline/pia-outline.js';
import '../pia-pdf-preview/pia-pdf-preview.js';
import '../pia-section/pia-section.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @summary The editor page of one assessment: outline, issue list, the form generated from its schema, the
 * saved/unsaved state with autosave, revision commit, PDF preview and the conflict dialog.
 * @fires pia-navigate
 */
export class PiaEditor extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    notice: { state: true },
    showPdf: { state: true },
    current: { state: true },
    commentCounts: { state: true },
    outlineOpen: { state: true },
  };
  static override styles = [baseStyles, editorStyles];
  declare assessmentId: string;
  declare notice: string;
  declare showPdf: boolean;
  /** The part at the top of the window, marked in the outline. */
  declare current: string;
  /** Open comment threads per item pointer of the draft (the 項目一覧 counts them). */
  declare commentCounts: Record<string, { open: number; total: number }>;
  /** The 項目一覧 of narrow windows is open: only then is its copy of the outline rendered. */
  declare outlineOpen: boolean;
  private observer: IntersectionObserver | undefined;
  /** The 項目一覧 recounts when a thread changes; the form itself does not re-render (each badge listens alone). */
  protected readonly commentWatch = new CommentWatch(this, () => ANY_COMMENT, () => (this.commentCounts = comments.counts()));
  private readonly draft = new AssessmentController(this);
  /** The revision the draft is compared with, whose items can be restored. */
  private readonly reference = new ReferenceController(this, this.draft);
  /** 標準文を挿入 at the cursor of the last text field, 様式の版を移行 (src/snippets, src/reuse in the browser). */
  private readonly reuse = new ReuseController(this, this.draft, {
    notify: (text) => (this.notice = text),
    reveal: (pointer) => this.reveal(pointer),
  });
  /** Ctrl+Z / Ctrl+Shift+Z outside text fields, Ctrl+S anywhere on the page. */
  protected readonly shortcuts = new EditShortcuts(this, {
    undo: () => this.draft.undo(),
    redo: () => this.draft.redo(),
    save: () => void this.draft.save(),
  });
  /** Per-section issue lists, kept when unchanged so untouched sections skip re-rendering. */
  private readonly sectionIssues = new IssueSubsets();
  /** The parts and the outline change with the files and the issues, not with every keystroke. */
  private layoutCache: { key: string; sections: SectionSpec[] } | undefined;
  private coverCache: Record<string, unknown> | undefined;
  private targetsCache: { outline: OutlineItem[]; targets: CommentTarget[] } | undefined;
  private outlineCache:
    | { sections: SectionSpec[]; issues: readonly ValidationIssue[]; comments: Record<string, unknown>; items: OutlineItem[] }
    | undefined;

  constructor() {
    super();
    this.notice = '';
    this.showPdf = false;
    this.current = '';
    this.commentCounts = {};
    this.outlineOpen = false;
    // Ctrl+Alt+M in an item: its comments open beside it with the cursor in a new comment (no badge tab stops).
    this.addEventListener('keydown', (event) => {
      if (!(event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm') || !comments.writable) return;
      const field = event.composedPath().find((target): target is PiaFieldBase<unknown> => target instanceof PiaFieldBase);
      const thread = field?.querySelector<PiaCommentThread>(':scope > pia-comment-thread');
      if (!thread) return;
      event.preventDefault();
      void thread.openForWriting();
    });
    this.addEventListener('pia-value-change', (event) => {
      event.stopPropagation();
      if (!this.editable) return;
      this.draft.setValue(event.detail.pointer, event.detail.value);
    });
    this.addEventListener('pia-reveal', (event) => {
      event.stopPropagation();
      void this.reveal(event.detail.pointer);
    });
    this.addEventListener('pia-conflict-resolve', (event) => this.draft.resolveConflict(event.detail.choices));
    this.addEventListener('pia-revision-commit', (event) => {
      this.notice = msg('commitDone', { number: event.detail.number });
      void this.reference.loadRevisions();
    });
    this.addEventListener('pia-restore', (event) => {
      event.stopPropagation();
      this.restore(event.detail);
    });
    this.addEventListener('pia-reference-select', (event) => void this.reference.select(event.detail.revision));
    this.addEventListener('pia-merge-notice-dismiss', () => this.draft.dismissIncoming());
    this.addEventListener('pia-snippet-insert', (event) => void this.reuse.insert(event.detail));
    this.addEventListener('pia-migrate-apply', (event) => void this.reuse.migrateTo(event.detail.to));
    this.addEventListener('pia-migration-report-dismiss', () => this.reuse.dismissMigration());
    this.addEventListener('pia-withhold-request', (event) => {
      event.stopPropagation();
      void this.renderRoot.querySelector<PiaWithholdDialog>('pia-withhold-dialog')?.open(event.detail);
    });
    this.addEventListener('pia-withhold-remove', (event) => {
      event.stopPropagation();
      if (this.draft.data) this.draft.applyEdit(withoutWithheld(this.draft.data, event.detail.index), msg('stepUnwithhold'));
    });
  }

  /** A 非公表 flag is an edit of the draft's non-printed list: undoable, autosaved like any other edit. */
  private withhold = (request: { pointer: string; value: string; start: number; end: number }, reason: string): void => {
    if (!this.draft.data) return;
    this.draft.applyEdit(withWithheld(this.draft.data, spanEntry(request.value, request.pointer, request.start, request.end, reason)), msg('stepWithhold'));
  };

  /** Per section, the flags under it; the same array while they are unchanged, so untouched sections skip re-rendering. */
  private readonly sectionWithheld = new WithheldSubsets();

  private withheldOf(section: SectionSpec, located: readonly LocatedWithheld[]): LocatedWithheld[] {
    const within = (at: string) => (pointer: string): boolean => pointer === at || pointer.startsWith(`${at}/`);
    const under = section.only ? (pointer: string) => section.only!.some((key) => within(`/${key}`)(pointer)) : within(section.pointer);
    return this.sectionWithheld.of(section.pointer, located.filter((flag) => under(flag.entry.pointer)));
  }

  private restore({ pointer, in: where, label }: RestoreDetail): void {
    const reference = this.reference.reference;
    if (!reference) return;
    const revision = msg('revisionNumber', { number: reference.number });
    const step = msg('stepRestore', { label, revision });
    const done = this.draft.restore(reference.data, pointer, where === 'reference' ? reference.data : undefined, step);
    this.notice = msg(done ? 'restored' : 'restoreNothing', { label, revision });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('assessmentId') && this.assessmentId) {
      lockDraft(!this.editable);
      void this.draft.load(this.assessmentId);
      void this.reuse.loadOutdated(this.assessmentId);
      void this.reference.select(undefined);
      void this.reference.loadRevisions();
      void comments.use({ assessmentId: this.assessmentId, revision: 'draft' }).catch((error: unknown) => {
        this.notice = error instanceof Error ? error.message : String(error);
      });
    }
  }


  /** Open threads on the item or anything under it. */
  private openCommentsUnder(pointer: string): number {
    return Object.entries(this.commentCounts)
      .filter(([item]) => item === pointer || item.startsWith(`${pointer}/`))
      .reduce((sum, [, count]) => sum + count.open, 0);
  }

  protected override updated(): void {
    // The first screen of the draft is drawn: the web font may now replace the installed one in one layout.
    if (this.draft.data || this.draft.error) useWebFontSoon();
    this.observer ??= new IntersectionObserver(
      (entries) => {
        const visible = entries.find((entry) => entry.isIntersecting);
        if (visible) this.current = (visible.target as HTMLElement).dataset['pointer'] ?? '';
      },
      { rootMargin: '-20% 0px -70% 0px' },
    );
    for (const section of this.renderRoot.querySelectorAll('pia-section')) this.observer.observe(section);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Whether leaving is safe; saves first, so in-app navigation never drops an edit. */
  async flush(): Promise<boolean> {
    await this.draft.save();
    return !this.draft.hasUnsavedChanges;
  }

  private async reveal(pointer: string): Promise<void> {
    const sections = [...this.renderRoot.querySelectorAll<PiaSection>('pia-section')];
    const section = sections.find((element) => element.dataset['pointer'] === sectionFor(this.sections(), pointer)?.pointer);
    if (!section) return;
    if (!(await section.reveal(pointer))) section.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private sections(): SectionSpec[] {
    const { form, data } = this.draft;
    if (!form || !data) return [];
    const revision = formRevisionOf(data);
    const key = `${form}\u0000${revision ?? ''}\u0000${Array.isArray(data['files']) ? data['files'].length : 0}`;
    if (this.layoutCache?.key !== key) this.layoutCache = { key, sections: sectionsOf(form, data, revision) };
    return this.layoutCache.sections;
  }

  private outline(sections: SectionSpec[], revision: FormRevision | undefined): OutlineItem[] {
    const issues = this.draft.issues;
    const cached = this.outlineCache;
    const comments = this.commentCounts;
    if (cached?.sections === sections && cached.issues === issues && cached.comments === comments) return cached.items;
    const items = outlineOf(sections, revision).map((entry) => {
      const section = sections.find((s) => s.pointer === entry.pointer);
      return {
        ...entry,
        issueCount: countIssuesUnder(issues, entry.pointer, section?.only),
        commentCount: this.openCommentsUnder(entry.pointer),
      };
    });
    this.outlineCache = { sections, issues, comments, items };
    return items;
  }

  /** The parts of the 項目一覧 a comment on a whole part may go on; the same array while the outline is unchanged. */
  private commentTargets(outline: OutlineItem[]): CommentTarget[] {
    if (this.targetsCache?.outline !== outline)
      this.targetsCache = { outline, targets: outline.filter(({ pointer }) => pointer !== '').map(({ pointer, label }) => ({ pointer, label })) };
    return this.targetsCache.targets;
  }

  /** The cover part's top-level items, the same object while none of them changed (a keystroke elsewhere). */
  private coverValue(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    const cached = this.coverCache;
    if (cached && keys.every((key) => cached[key] === data[key])) return cached;
    this.coverCache = Object.fromEntries(keys.map((key) => [key, data[key]]));
    return this.coverCache;
  }

  private issuesOf(section: SectionSpec): ValidationIssue[] {
    return this.sectionIssues.of(section.pointer, this.draft.issues.filter((issue) => sectionFor([section], issue.pointer)));
  }

  private changeFiles(next: (files: readonly unknown[]) => unknown[]): void {
    const files = valueAt(this.draft.data, '/files');
    this.draft.setValue('/files', next(Array.isArray(files) ? files : []));
  }

  private fileActions(section: SectionSpec, fileCount: number): TemplateResult | typeof nothing {
    const index = section.fileIndex;
    if (index === undefined || !section.pointer.endsWith('/overview') || !this.editable) return nothing;
    const label = msg('fileHeading', { number: index + 1 });
    return html`<span slot="actions" class="file-actions">${entryActions({
      label,
      index,
      count: fileCount,
      move: (offset) => this.changeFiles((files) => withEntryMoved(files, index, offset)),
      ...(fileCount > 1 ? { remove: () => this.changeFiles((files) => withEntryRemoved(files, index)) } : {}),
      removeText: msg('removeFile'),
    })}</span>`;
  }

  private addFileButton(section: SectionSpec, fileCount: number): TemplateResult | typeof nothing {
    if (section.fileIndex !== fileCount - 1 || !section.pointer.endsWith('/overview') || !this.draft.form || !this.editable) return nothing;
    const filesNode = childNode(formRoot(this.draft.form), 'files')!;
    return html`<button type="button" class="add-file" @click=${() => this.changeFiles((files) => withEntryAdded(filesNode, files))}>
      ＋ ${msg('addFile')}</button>`;
  }

  private heading(section: SectionSpec, data: Record<string, unknown>): string {
    if (section.fileIndex === undefined) return section.heading;
    const name = fileNameOf(data, section.fileIndex);
    return name ? `${section.heading}（${name}）` : section.heading;
  }

  private toolbar(data: Record<string, unknown>): TemplateResult {
    const { saveState, error, history } = this.draft;
    const cover = isRecord(data['cover']) ? data['cover'] : {};
    const stateText =
      saveState === 'saved' ? msg('savedState') : saveState === 'saving' ? msg('savingState')
        : saveState === 'error' ? msg('saveFailed', { message: error }) : msg('unsavedState');
    return html`<div class="toolbar">
      <a href="/" @click=${(e: Event) => this.navigate(e, '/')}>${msg('backToList')}</a>
      <div class="doc">
        <h1>${String(cover['title'] ?? '') || this.assessmentId}</h1>
        <span class="form-name">${this.draft.form ? formName(this.draft.form) : ''}</span>
        ${this.newestRevisionState()}
      </div>
      <span class="status ${saveState}" role="status" data-state=${saveState}>${stateText}</span>
      <div class="actions">
        ${this.editable ? this.editActions(saveState, history) : html`<span class="readonly">${msg('readOnlyNotice')}</span>`}
        ${may('revision.commit', this.assessmentId)
          ? html`<button type="button" class="primary" @click=${() => this.renderRoot.querySelector<PiaCommitDialog>('pia-commit-dialog')?.open()}>
              ${msg('commitButton')}</button>`
          : nothing}
        ${this.editable
          ? html`<button type="button" class="insert-snippet"
              @click=${() => void this.reuse.openPicker()}>${msg('insertSnippetButton')}</button>
            <button type="button" class="migrate"
              @click=${() => void this.reuse.openMigration()}>${msg('migrateButton')}</button>`
          : nothing}
        <a class="button" href=${`/assessments/${encodeURIComponent(this.assessmentId)}/compare`}
          @click=${(e: Event) => this.navigate(e, `/assessments/${encodeURIComponent(this.assessmentId)}/compare`)}>${msg('compareLink')}</a>
        ${this.auditLink()}
        <button type="button" aria-expanded=${this.showPdf ? 'true' : 'false'} @click=${() => void this.togglePdf()}>
          ${this.showPdf ? msg('pdfHide') : msg('pdfOpen')}</button>
      </div>
    </div>`;
  }

  /** Where the record stands: the newest revision and its lifecycle (修正中・確認依頼中, 公表済み …). */
  private newestRevisionState(): TemplateResult | typeof nothing {
    const newest = this.reference.revisions.reduce<RevisionMeta | undefined>((a, b) => (a && a.number > b.number ? a : b), undefined);
    if (!newest) return nothing;
    const revision = msg('revisionNumber', { number: newest.number });
    return html`<span class="revision-state" data-status=${newest.status}>${msg('newestRevisionState', { revision, state: lifecycleLabel(newest) })}</span>`;
  }

  private get editable(): boolean {
    return may('draft.edit', this.assessmentId);
  }

  private auditLink(): TemplateResult | typeof nothing {
    if (!(currentSession()?.features.audit && may('audit.read', this.assessmentId))) return nothing;
    const path = `/assessments/${encodeURIComponent(this.assessmentId)}/audit`;
    return html`<a class="button" href=${path} @click=${(e: Event) => this.navigate(e, path)}>${msg('auditLink')}</a>`;
  }

  private editActions(saveState: string, history: AssessmentController['history']): TemplateResult {
    return html`<button type="button" class="undo" title=${msg('undoHint', { step: history.undoLabel ?? '' })} ?disabled=${!history.canUndo}
          @click=${() => this.draft.undo()}>↶ ${msg('undo')}</button>
        <button type="button" class="redo" title=${msg('redoHint', { step: history.redoLabel ?? '' })} ?disabled=${!history.canRedo}
          @click=${() => this.draft.redo()}>↷ ${msg('redo')}</button>
        <button type="button" ?disabled=${saveState === 'saved'} @click=${() => void this.draft.save()}>${msg('saveNow')}</button>`;
  }

  private async togglePdf(): Promise<void> {
    this.showPdf = !this.showPdf;
    if (!this.showPdf) return;
    await this.draft.save();
    await this.updateComplete;
    await this.renderRoot.querySelector<PiaPdfPreview>('pia-pdf-preview')?.refresh();
  }

  /** The draft uses older versions of standard texts: what they are, and the page that updates them. */
  private outdatedNotice(): TemplateResult | typeof nothing {
    const outdated = this.reuse.outdated;
    if (outdated.length === 0) return nothing;
    const path = `/snippets#${encodeURIComponent(this.assessmentId)}`;
    return html`<div class="notice snippet-outdated" role="status">
      ${msg('snippetOutdatedNotice', { count: outdated.length })}
      <ul>${outdated.map((use) => html`<li data-pointer=${use.pointer}>${msg('useLine', { title: use.title, from: use.version, to: use.newest?.version ?? use.version })}${
        use.state === 'intact' ? nothing : html`（${msg(`useState_${use.state}`)}）`}</li>`)}</ul>
      <a href=${path} @click=${(e: Event) => this.navigate(e, path)}>${msg('snippetOutdatedLink')}</a>
    </div>`;
  }

  private navigate(event: Event, path: string): void {
    event.preventDefault();
    emit(this, 'pia-navigate', { path });
  }

  override render(): TemplateResult {
    const { data, form, error } = this.draft;
    if (!data || !form) return html`<p class="message" role=${error ? 'alert' : 'status'}>${error || msg('loading')}</p>`;
    const sections = this.sections();
    const issues = this.draft.issues;
    const revision = formRevisionOf(data);
    const outline = this.outline(sections, revision);
    const fileCount = Array.isArray(data['files']) ? data['files'].length : 0;
    const withheld = Array.isArray(data['withheld']) && data['withheld'].length > 0 ? locateWithheld(form, data) : [];
    return html`
      ${this.toolbar(data)}
      <div class="layout">
        <aside><pia-outline .items=${outline} .current=${this.current}></pia-outline></aside>
        <main>
          <details class="outline-toggle" @toggle=${(e: Event) => (this.outlineOpen = (e.target as HTMLDetailsElement).open)}>
            <summary>${msg('outlineHeading')}</summary>${this.outlineOpen ? html`<pia-outline .items=${outline}></pia-outline>` : nothing}</details>
          ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
          <pia-merge-notice .items=${this.draft.incoming}></pia-merge-notice>
          <pia-migration-report applied .report=${this.reuse.appliedMigration}></pia-migration-report>
          ${this.outdatedNotice()}
          <pia-reference-bar .revisions=${this.reference.revisions} .selected=${this.reference.reference?.number}
            .differences=${this.reference.changes.filter((change) => sectionFor(sections, change.pointer)).length}></pia-reference-bar>
          <pia-issue-list .issues=${issues} .findings=${this.draft.findings}
            .acknowledgements=${Array.isArray(data['acknowledgements']) ? data['acknowledgements'] : []}></pia-issue-list>
          ${this.showPdf ? html`<pia-pdf-preview .assessmentId=${this.assessmentId}></pia-pdf-preview>` : nothing}
          ${comments.active
            ? html`<pia-comments .assessmentId=${this.assessmentId} .revision=${'draft'} .targets=${this.commentTargets(outline)}></pia-comments>`
            : nothing}
          ${repeat(
            sections,
            (section) => section.pointer,
            (section) => html`<pia-section data-pointer=${section.pointer} .form=${form} .revision=${revision}
                .heading=${this.heading(section, data)} .node=${section.node} .pointer=${section.pointer}
                .only=${section.only} .value=${section.only ? this.coverValue(data, section.only) : valueAt(data, section.pointer)}
                .issues=${this.issuesOf(section)} .reference=${this.reference.marksFor(section)}
                .withheld=${this.withheldOf(section, withheld)}>${this.fileActions(section, fileCount)}</pia-section>
              ${this.addFileButton(section, fileCount)}`,
          )}
        </main>
      </div>
      <pia-commit-dialog .assessmentId=${this.assessmentId} .prepare=${() => this.prepareCommit()}
        .takeIn=${(current: StoredVersion) => this.draft.takeIn(current)}></pia-commit-dialog>
      <pia-conflict-dialog .form=${form} .conflict=${this.draft.conflict}></pia-conflict-dialog>
      <pia-snippet-picker></pia-snippet-picker>
      <pia-migrate-dialog .form=${form} .data=${data}></pia-migrate-dialog>
      <pia-withhold-dialog .marker=${markerOf(form, data)} .confirm=${this.withhold}></pia-withhold-dialog>
    `;
  }

  /** Saves the draft before a commit; the etag of the version saved is the one the commit names. */
  private async prepareCommit(): Promise<string> {
    await this.draft.save();
    if (this.draft.hasUnsavedChanges) throw new Error(msg('saveFailed', { message: this.draft.error || msg('conflictHeading') }));
    return this.draft.baseEtag;
  }
}

customElements.define('pia-editor', PiaEditor);
declare global {
  interface HTMLElementTagNameMap {
    'pia-editor': PiaEditor;
  }
}
