/**
 * One IntersectionObserver for every element waiting to be rendered: the callback runs once, when the element
 * comes within a window's height of the visible area (so it is ready before it scrolls into view).
 *
 * Elements rendered above the top of the window (scrolling up, or the neighbours of a jump target) change from
 * their placeholder's estimated height to their real one; the window is moved by the difference, at the next
 * frame before it is drawn, so what the user is looking at stays still. The browser's own scroll anchoring is
 * off (ui/fonts.css), since it would move the window a second time.
 */
const waiting = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | undefined;

const stop = (element: Element): void => {
  observer?.unobserve(element);
  waiting.delete(element);
};

const keepViewStill = (above: readonly { element: Element; height: number }[]): void => {
  if (above.length === 0) return;
  requestAnimationFrame(() => {
    const grown = above.reduce((sum, { element, height }) => sum + element.getBoundingClientRect().height - height, 0);
    if (grown !== 0) window.scrollBy(0, grown);
  });
};

const render = (entries: IntersectionObserverEntry[]): void => {
  const near = entries.filter((entry) => entry.isIntersecting && waiting.has(entry.target));
  // The placeholders' boxes as the observer measured them (reading them anew would force a layout).
  const above = near
    .filter((entry) => entry.boundingClientRect.top < 0)
    .map((entry) => ({ element: entry.target, height: entry.boundingClientRect.height }));
  for (const entry of near) {
    const callback = waiting.get(entry.target);
    stop(entry.target);
    callback?.();
  }
  keepViewStill(above);
};

/** Call `callback` once the element is near the window; the returned function cancels. */
export const whenNearWindow = (element: Element, callback: () => void): (() => void) => {
  observer ??= new IntersectionObserver(render, { rootMargin: '100% 0px' });
  waiting.set(element, callback);
  observer.observe(element);
  return () => stop(element);
};
