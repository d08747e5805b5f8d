/**
 * Elements waiting to be rendered, in two tiers: one in (or just at the edge of) the visible area is rendered at
 * once, in the frame that shows it; one within a window's height of it is rendered when the page is idle, one
 * element per idle period and not while the user is typing, so it is ready before it scrolls into view and never
 * delays the first screen or a keystroke. The callback runs once.
 *
 * Elements rendered above the top of the window (scrolling up, or the neighbours of a jump target) change from
 * their placeholder's estimated height to their real one; the window is moved by the difference, at the next
 * frame before it is drawn, so what the user is looking at stays still. The browser's own scroll anchoring is
 * off (ui/fonts.css), since it would move the window a second time.
 */
type Above = { element: Element; height: number };

const waiting = new WeakMap<Element, () => void>();
/** Near the window, in the order they came near: rendered one per idle period. */
const soon = new Set<Element>();
let visible: IntersectionObserver | undefined;
let near: IntersectionObserver | undefined;
/** A timer or idle callback is on its way to render the next element near the window. */
let scheduled: number | undefined;
/** When a key was last pressed: rendering ahead waits until typing pauses this long. */
let lastKey = -Infinity;
const TYPING_PAUSE_MS = 1000;

const stop = (element: Element): void => {
  visible?.unobserve(element);
  near?.unobserve(element);
  soon.delete(element);
  waiting.delete(element);
};

const keepViewStill = (above: readonly Above[]): void => {
  if (above.length === 0) return;
  requestAnimationFrame(() => {
    const grown = above.reduce((sum, { element, height }) => sum + element.getBoundingClientRect().height - height, 0);
    if (grown !== 0) window.scrollBy(0, grown);
  });
};

const run = (element: Element): void => {
  const callback = waiting.get(element);
  stop(element);
  callback?.();
};

const renderVisible = (entries: IntersectionObserverEntry[]): void => {
  const shown = entries.filter((entry) => entry.isIntersecting && waiting.has(entry.target));
  // The placeholders' boxes as the observer measured them (reading them anew would force a layout).
  const above = shown
    .filter((entry) => entry.boundingClientRect.top < 0)
    .map((entry) => ({ element: entry.target, height: entry.boundingClientRect.height }));
  for (const entry of shown) run(entry.target);
  keepViewStill(above);
};

const renderOneWhenIdle = (): void => {
  scheduled = undefined;
  const [next] = soon;
  if (!next) return;
  const typing = lastKey + TYPING_PAUSE_MS - performance.now();
  if (typing > 0) {
    scheduled = window.setTimeout(() => (scheduled = requestIdleCallback(renderOneWhenIdle)), typing);
    return;
  }
  // Idle, so the layout is clean and reading the box costs nothing.
  const box = next.getBoundingClientRect();
  run(next);
  keepViewStill(box.top < 0 ? [{ element: next, height: box.height }] : []);
  if (soon.size > 0) scheduled = requestIdleCallback(renderOneWhenIdle);
};

const queueNear = (entries: IntersectionObserverEntry[]): void => {
  // Once near, an element stays queued even if a layout change moves it away again (as its neighbours render).
  for (const entry of entries) if (entry.isIntersecting && waiting.has(entry.target)) soon.add(entry.target);
  if (soon.size > 0) scheduled ??= requestIdleCallback(renderOneWhenIdle);
};

/** Window height still to be filled by elements rendered with the first screen (undefined: no frame drawn yet). */
let firstScreenLeft: number | undefined;

/**
 * Whether an element of about `height` px, created while the page's first frame is still being made, falls in
 * that frame's window: rendered at once then, the first screen is drawn with its items in one frame, instead of a
 * frame of placeholders and a second render and layout when the observer reports them (where the first field
 * waited ~50-100 ms more). Counted in creation order, which is the document's order as a page renders.
 */
export const onFirstScreen = (height: number): boolean => {
  if (!firstScreenHasRoom()) return false;
  firstScreenLeft! -= height;
  return true;
};

/**
 * Whether what is created now still falls in the first frame's window, counting nothing against it: a part whose
 * items count their own heights asks this before it creates them.
 */
export const firstScreenHasRoom = (): boolean => {
  if (firstScreenLeft === undefined) {
    firstScreenLeft = window.innerHeight;
    requestAnimationFrame(() => (firstScreenLeft = 0));
  }
  return firstScreenLeft > 0;
};

/** Call `callback` once the element is near the window; the returned function cancels. */
export const whenNearWindow = (element: Element, callback: () => void): (() => void) => {
  if (!visible) window.addEventListener('keydown', () => (lastKey = performance.now()), { capture: true, passive: true });
  visible ??= new IntersectionObserver(renderVisible, { rootMargin: '10% 0px' });
  near ??= new IntersectionObserver(queueNear, { rootMargin: '100% 0px' });
  waiting.set(element, callback);
  visible.observe(element);
  near.observe(element);
  return () => stop(element);
};
