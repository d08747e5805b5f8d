/**
 * Jumping to a place of the form (outline, issue list): the deepest rendered element whose data-pointer is the
 * place or above it is scrolled to and its field focused. An element inside it marked `data-reveals`, which
 * renders its inside on demand (a table that opens a row for editing), reveals a deeper place itself.
 */
type Revealer = HTMLElement & { reveal: (pointer: string) => Promise<boolean> };

const FIELDS = 'pia-field-text, pia-field-choice, pia-field-checks';

const covers = (element: HTMLElement, pointer: string): boolean => {
  const at = element.dataset['pointer'] ?? '';
  return pointer === at || pointer.startsWith(`${at}/`);
};

const isRevealer = (element: HTMLElement): element is Revealer =>
  typeof (element as Partial<Revealer>).reveal === 'function';

/** Reveal the place inside `root` (an element or a shadow root); false when nothing there covers it. */
export const revealIn = async (root: ParentNode, pointer: string): Promise<boolean> => {
  const candidates = [...root.querySelectorAll<HTMLElement>('[data-pointer]')].filter((e) => covers(e, pointer));
  const target = candidates.sort((a, b) => (b.dataset['pointer']?.length ?? 0) - (a.dataset['pointer']?.length ?? 0))[0];
  if (!target) return false;
  const inner = pointer === target.dataset['pointer'] ? null : target.querySelector<HTMLElement>('[data-reveals]');
  if (inner && isRevealer(inner) && (await inner.reveal(pointer))) return true;
  target.scrollIntoView({ block: 'start' });
  const focusable = target.matches(FIELDS) ? target : target.querySelector<HTMLElement>(FIELDS);
  focusable?.focus();
  return true;
};
