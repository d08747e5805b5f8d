import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { restoreItem, saveMerging, type Doc } from '../../src/merge/index.js';
import type { ChangedItem, FormId } from '../../src/server/dto.js';
import { api } from '../api/client.js';
import { msg } from '../messages.ja.js';
import { undoStep, type EditStep } from './undo-stack.js';

/** Someone changed the same item meanwhile: nothing was saved, the user compares again. */
class ConflictLeft extends Error {}

/** The pages being compared: the older revision is the one restored from. */
export type ComparedPair = { readonly id: string; readonly from: number; readonly to: number | 'draft' };

/**
 * 「この版の記載に戻す」 on the compare page: takes a changed item back into the draft as the older revision has
 * it, saved at once with the editor's merge-on-409 loop, and offers 「元に戻す」 for that one step.
 */
export class CompareRestore {
  message = '';
  private last: EditStep | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called after the draft changed, so the page compares again. */
    private readonly changed: () => Promise<void>,
  ) {}

  async restore(pair: ComparedPair, item: ChangedItem): Promise<void> {
    const revision = msg('revisionNumber', { number: pair.from });
    await this.run(async () => {
      const source = (await api.revision(pair.id, pair.from)).data;
      // A removed entry is named by its place in the older revision; anything else by its place in the newer side.
      const newer = item.kind === 'removed' || pair.to === 'draft' ? undefined : (await api.revision(pair.id, pair.to)).data;
      const step = await this.editDraft(pair.id, (draft, form) =>
        restoreItem(form, draft, source, item.pointer, item.kind === 'removed' ? source : (newer ?? draft)),
      );
      this.last = step;
      return msg(step ? 'restoredInDraft' : 'restoreNothing', { label: item.citation, revision });
    });
  }

  async undo(id: string): Promise<void> {
    const step = this.last;
    if (!step) return;
    this.last = undefined;
    await this.run(async () => {
      await this.editDraft(id, (draft, form) => undoStep(form, step, draft));
      return msg('restoreUndone');
    });
  }

  /** The notice after a restore, with 「元に戻す」 while that step can be taken back. */
  notice(id: string): TemplateResult | typeof nothing {
    if (!this.message) return nothing;
    return html`<p class="restore-notice" role="status">${this.message}
      ${this.last ? html`<button type="button" @click=${() => void this.undo(id)}>${msg('undo')}</button>` : nothing}</p>`;
  }

  private async run(task: () => Promise<string>): Promise<void> {
    try {
      this.message = await task();
    } catch (error) {
      this.last = undefined;
      this.message = error instanceof ConflictLeft ? msg('restoreConflict') : error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
    await this.changed();
  }

  /** Read the draft, change it, save with If-Match (merging on 409). The step done, undefined if nothing changed. */
  private async editDraft(id: string, edit: (draft: Doc, form: FormId) => Doc | undefined): Promise<EditStep | undefined> {
    const loaded = await api.get(id);
    const after = edit(loaded.data, loaded.form);
    if (!after) return undefined;
    let local = after;
    const outcome = await saveMerging({
      form: loaded.form,
      base: { etag: loaded.etag, data: loaded.data },
      local: () => local,
      put: (data, base) => api.trySave(id, base, data),
      onMerged: (merge) => {
        local = merge.merged;
      },
    });
    if (outcome.status === 'conflict') throw new ConflictLeft();
    return { before: loaded.data, after, label: '' };
  }
}
