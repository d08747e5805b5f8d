/** Typed custom events of the editor, one declaration each. They bubble and cross shadow roots. */
import type { Side } from '../src/merge/index.js';

export type ValueChangeDetail = { pointer: string; value: unknown };
export type NavigateDetail = { path: string };
export type RevealDetail = { pointer: string };
export type ConflictResolveDetail = { choices: Readonly<Record<string, Side>> };
/** `pointer` names the place in the draft, or in the compared revision for an entry the draft no longer has. */
export type RestoreDetail = { pointer: string; in: 'draft' | 'reference'; label: string };
export type ReferenceSelectDetail = { revision: number | undefined };
/** Characters `start`–`end` of the text at `pointer` (as `value` read then) are to be flagged 非公表. */
export type WithholdRequestDetail = { pointer: string; value: string; start: number; end: number };
/** Remove the draft's 非公表 flag `index` (as the document lists it). */
export type WithholdRemoveDetail = { index: number };

declare global {
  interface GlobalEventHandlersEventMap {
    /** A field's value changed (every keystroke); the controller applies it to the draft. */
    'pia-value-change': CustomEvent<ValueChangeDetail>;
    /** Go to another page of the app without reloading. */
    'pia-navigate': CustomEvent<NavigateDetail>;
    /** Scroll to the item at this pointer and focus it (outline, issue list). */
    'pia-reveal': CustomEvent<RevealDetail>;
    /** The user chose a side for every item both sides changed after a save conflict. */
    'pia-conflict-resolve': CustomEvent<ConflictResolveDetail>;
    /** 「この版の記載に戻す」: take this item or entry back as the compared revision has it. */
    'pia-restore': CustomEvent<RestoreDetail>;
    /** The revision the editor compares the draft with changed (undefined: none). */
    'pia-reference-select': CustomEvent<ReferenceSelectDetail>;
    /** The user closed the list of changes merged in from someone else's save. */
    'pia-merge-notice-dismiss': CustomEvent<null>;
    /** 「非公表にする」 on a selection of a text field: the editor asks for the reason. */
    'pia-withhold-request': CustomEvent<WithholdRequestDetail>;
    /** 「非公表を解除」 on a flag shown under its field. */
    'pia-withhold-remove': CustomEvent<WithholdRemoveDetail>;
  }
}

type PiaEventName =
  | 'pia-value-change'
  | 'pia-navigate'
  | 'pia-reveal'
  | 'pia-conflict-resolve'
  | 'pia-restore'
  | 'pia-reference-select'
  | 'pia-merge-notice-dismiss'
  | 'pia-withhold-request'
  | 'pia-withhold-remove';

export const emit = <K extends PiaEventName>(
  from: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): void => {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
};
