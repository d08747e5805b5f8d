import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '../messages.ja.js';

type EntryActions = {
  /** The entry's name as the form numbers it, e.g. 委託事項2, for the buttons' accessible names. */
  readonly label: string;
  readonly index: number;
  readonly count: number;
  readonly move: (offset: -1 | 1) => void;
  /** Absent when the entry cannot be removed (the last 特定個人情報ファイル). */
  readonly remove?: () => void;
  readonly removeText: string;
};

/**
 * Move up / move down / remove for one entry of a repeated group. Removing asks first, because it throws
 * away what was written in the entry.
 */
export const entryActions = ({ label, index, count, move, remove, removeText }: EntryActions): TemplateResult => html`
  <button type="button" class="quiet" ?disabled=${index === 0} aria-label=${msg('moveUp', { label })}
    @click=${() => move(-1)}>↑</button>
  <button type="button" class="quiet" ?disabled=${index === count - 1} aria-label=${msg('moveDown', { label })}
    @click=${() => move(1)}>↓</button>
  ${remove
    ? html`<button type="button" class="quiet danger" aria-label=${msg('removeEntry', { label })}
        @click=${() => {
          if (window.confirm(msg('confirmRemove', { label }))) remove();
        }}>${removeText}</button>`
    : nothing}
`;
