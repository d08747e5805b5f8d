import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type EditShortcutActions = {
  readonly undo: () => void;
  readonly redo: () => void;
  readonly save: () => void;
};

const TEXT_INPUT = /^(text|search|url|tel|email|password|number|date|datetime-local|month|week|time)$/;

/** A field whose own undo the browser runs (text boxes), where Ctrl+Z must stay the browser's. */
const isTextField = (element: EventTarget | undefined): boolean =>
  element instanceof HTMLTextAreaElement ||
  (element instanceof HTMLInputElement && TEXT_INPUT.test(element.type)) ||
  (element instanceof HTMLElement && element.isContentEditable);

/**
 * Keyboard shortcuts of the editor page: Ctrl+S (⌘S) saves at once instead of the browser's save dialog,
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo across items when the focus is not in a text field (there the
 * browser's own undo of the typing applies), and nothing while a dialog is open.
 */
export class EditShortcuts implements ReactiveController {
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 's') {
      event.preventDefault();
      this.actions.save();
      return;
    }
    if (key !== 'z' && key !== 'y') return;
    const path = event.composedPath();
    if (isTextField(path[0]) || path.some((element) => element instanceof HTMLDialogElement)) return;
    event.preventDefault();
    if (key === 'y' || event.shiftKey) this.actions.redo();
    else this.actions.undo();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly actions: EditShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown);
  }
}
