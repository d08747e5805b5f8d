/**
 * One IntersectionObserver for every element waiting to be rendered: the callback runs once, when the element
 * comes within a window's height of the visible area (so it is ready before it scrolls into view).
 */
const waiting = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | undefined;

const stop = (element: Element): void => {
  observer?.unobserve(element);
  waiting.delete(element);
};

/** Call `callback` once the element is near the window; the returned function cancels. */
export const whenNearWindow = (element: Element, callback: () => void): (() => void) => {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const near = waiting.get(entry.target);
        stop(entry.target);
        near?.();
      }
    },
    { rootMargin: '100% 0px' },
  );
  waiting.set(element, callback);
  observer.observe(element);
  return () => stop(element);
};
