import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UseView } from '../../src/server/dto.js';
import { api } from '../api/client.js';
import type { MigrationReport } from '../../src/reuse/index.js';
import { formRevisionOf, isTextItem } from '../../src/schema/index.js';
import { fillMessage } from '../../src/messages.ja.js';
import type { PiaMigrateDialog } from '../components/pia-migrate-dialog/pia-migrate-dialog.js';
import type { PiaSnippetPicker, SnippetInsertDetail, SnippetTarget } from '../components/pia-snippet-picker/pia-snippet-picker.js';
import { msg } from '../messages.ja.js';
import { loadReuse } from '../reuse/load.js';
import type { AssessmentController } from './assessment-controller.js';

type Cursor = { readonly pointer: string; readonly start: number; readonly end: number };

/** What the controller asks of the editor page: a message for the officer, and going to an item (focusing it). */
export type EditorPage = { readonly notify: (text: string) => void; readonly reveal: (pointer: string) => Promise<void> };

/** The element that has the keyboard focus, looking through shadow roots. */
const deepActiveElement = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

/** The text field a focus event came from, with its item's pointer (fields carry it as a property). */
const textFieldOf = (event: Event): { control: HTMLTextAreaElement | HTMLInputElement; pointer: string } | undefined => {
  const path = event.composedPath();
  const control = path[0];
  const isText = control instanceof HTMLTextAreaElement || (control instanceof HTMLInputElement && control.type === 'text');
  const field = path.find((node): node is HTMLElement & { pointer: string } => node instanceof HTMLElement && node.tagName === 'PIA-FIELD-TEXT');
  return isText && field ? { control, pointer: field.pointer } : undefined;
};

/**
 * The editor's reuse flows, as edits of the draft (each one undoable step, saved by the autosave's
 * compare-and-swap): inserting a standard text at the cursor of the last text field used, and moving the draft to
 * another form revision, whose report stays on screen after the move until closed. Both run the same pure cores
 * (src/snippets, src/reuse) as `pia` and the API.
 */
export class ReuseController implements ReactiveController {
  /** The report of the move just applied; the editor shows it until the officer closes it. */
  migration: MigrationReport | undefined;
  /** The standard texts of the draft as loaded that have a newer version in the library (the editor points to the update page). */
  outdated: readonly UseView[] = [];
  private cursor: Cursor | undefined;
  private readonly onFocusOut = (event: Event): void => {
    const field = textFieldOf(event);
    if (field) this.cursor = { pointer: field.pointer, start: field.control.selectionStart ?? 0, end: field.control.selectionEnd ?? 0 };
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly draft: AssessmentController,
    private readonly page: EditorPage,
  ) {
    host.addController(this);
  }

  // Inside the editor's own shadow root: a focus move from a field to the toolbar stays within it, and such an
  // event never reaches the host itself (target and relatedTarget retarget to the same element there).
  hostConnected(): void {
    this.host.renderRoot.addEventListener('focusout', this.onFocusOut);
  }

  hostDisconnected(): void {
    this.host.renderRoot.removeEventListener('focusout', this.onFocusOut);
  }

  /** An element of the reuse chunk in the editor, once the chunk has defined it. */
  private async element<T extends HTMLElement>(tag: string): Promise<T | null> {
    await loadReuse();
    await customElements.whenDefined(tag);
    return this.host.renderRoot.querySelector<T>(tag);
  }

  /** The picker, told where the text would go: the cursor of the last text field left, if it is a text item. */
  async openPicker(): Promise<void> {
    const { itemPathIn, SNIPPET_MESSAGES_JA } = await loadReuse();
    const picker = await this.element<PiaSnippetPicker>('pia-snippet-picker');
    if (!picker) return;
    const { cursor } = this;
    const form = this.draft.form;
    picker.target = undefined;
    picker.refusal = '';
    if (cursor && form) {
      const path = itemPathIn(form, this.draft.data ?? {}, cursor.pointer).join(' > ');
      const target: SnippetTarget = { ...cursor, path };
      if (isTextItem(form, cursor.pointer)) picker.target = target;
      else picker.refusal = fillMessage(SNIPPET_MESSAGES_JA.notText, { path });
    }
    void picker.open();
  }

  async insert({ snippet, target }: SnippetInsertDetail): Promise<void> {
    const { insertSnippet } = await loadReuse();
    const { form, data } = this.draft;
    if (!form || !data) return;
    try {
      const { data: next, span } = insertSnippet(form, data, snippet, target);
      this.draft.applyEdit(next, msg('stepInsertSnippet', { title: snippet.title }));
      // The next insertion goes after this one.
      this.cursor = { pointer: target.pointer, start: span.end, end: span.end };
      this.page.notify(msg('snippetInserted', { path: target.path, title: snippet.title, version: snippet.version }));
      void this.showInserted(target.pointer, span.start, span.end);
    } catch (error) {
      this.page.notify((error as { messageJa?: string }).messageJa ?? String(error));
    }
  }

  /** The item with the inserted text selected, the caret at its start, so the officer sees what came in. */
  private async showInserted(pointer: string, start: number, end: number): Promise<void> {
    await this.host.updateComplete;
    await this.page.reveal(pointer);
    const control = deepActiveElement();
    if (control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement) {
      // Chromium scrolls a text box to the end of a selection; the officer reads the inserted text from its start,
      // so the box keeps the scroll position of a caret there. Centred, the box clears the sticky toolbar.
      control.setSelectionRange(start, start);
      const top = control.scrollTop;
      control.setSelectionRange(start, end, 'backward');
      control.scrollTop = top;
      control.scrollIntoView({ block: 'center' });
    }
  }

  /** Which standard texts of the draft have a newer version; asked once per opening, as the update page works on the saved draft. */
  async loadOutdated(id: string): Promise<void> {
    this.outdated = [];
    try {
      this.outdated = (await api.snippetUses(id)).uses.filter((use) => use.newest !== undefined);
    } catch (error) {
      // Only a hint: the draft itself loads (and reports its own failure) without it.
      this.page.notify(error instanceof Error ? error.message : String(error));
    }
    this.host.requestUpdate();
  }

  async openMigration(): Promise<void> {
    (await this.element<PiaMigrateDialog>('pia-migrate-dialog'))?.open();
  }

  async migrateTo(to: string): Promise<void> {
    const { migrate } = await loadReuse();
    const { form, data } = this.draft;
    const from = data ? formRevisionOf(data) : undefined;
    if (!form || !data || !from || from === to) return;
    const { data: next, report } = migrate(form, from, to, data);
    this.draft.applyEdit(next, msg('stepMigrate', { to }));
    this.migration = report;
    this.host.requestUpdate();
  }

  /** The report of the move, while the draft is still on the revision it moved to (an undo takes it back). */
  get appliedMigration(): MigrationReport | undefined {
    const { migration } = this;
    const data = this.draft.data;
    return migration && data && formRevisionOf(data) === migration.to ? migration : undefined;
  }

  dismissMigration(): void {
    this.migration = undefined;
    this.host.requestUpdate();
  }
}
