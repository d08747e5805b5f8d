import { LitElement } from 'lit';
import { emit } from '../events.js';
import { draftIsLocked } from '../session.js';

/**
 * What every field editor shares: where it writes (pointer), its official label, the current value and the
 * validation messages for this item. Emits `pia-value-change`; the field keeps no copy of the draft.
 */
export class PiaFieldBase<T> extends LitElement {
  static override properties = {
    pointer: { type: String },
    label: { type: String },
    value: { attribute: false },
    issues: { attribute: false },
    invalid: { type: Boolean, reflect: true },
  };

  declare pointer: string;
  declare label: string | undefined;
  declare value: T;
  declare issues: readonly string[];
  declare invalid: boolean;

  constructor() {
    super();
    this.pointer = '';
    this.issues = [];
    this.invalid = false;
  }

  protected override willUpdate(): void {
    this.invalid = this.issues.length > 0;
  }

  /** Read-only for people who may not edit the draft (the comments beside an item stay open to those who may comment). */
  protected get locked(): boolean {
    return draftIsLocked();
  }

  protected change(value: unknown, pointer: string = this.pointer): void {
    emit(this, 'pia-value-change', { pointer, value });
  }

  /** For jumping from the outline or the issue list. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }
}
