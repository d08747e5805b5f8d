/** Typed custom events of the editor, one declaration each. They bubble and cross shadow roots. */
export type ValueChangeDetail = { pointer: string; value: unknown };
export type NavigateDetail = { path: string };
export type RevealDetail = { pointer: string };
export type ConflictResolveDetail = { keep: 'theirs' | 'mine' };

declare global {
  interface GlobalEventHandlersEventMap {
    /** A field's value changed (every keystroke); the controller applies it to the draft. */
    'pia-value-change': CustomEvent<ValueChangeDetail>;
    /** Go to another page of the app without reloading. */
    'pia-navigate': CustomEvent<NavigateDetail>;
    /** Scroll to the item at this pointer and focus it (outline, issue list). */
    'pia-reveal': CustomEvent<RevealDetail>;
    /** The user chose which version to keep after a save conflict. */
    'pia-conflict-resolve': CustomEvent<ConflictResolveDetail>;
  }
}

type PiaEventName = 'pia-value-change' | 'pia-navigate' | 'pia-reveal' | 'pia-conflict-resolve';

export const emit = <K extends PiaEventName>(
  from: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): void => {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
};
