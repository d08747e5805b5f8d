/** Work that must not delay the first screen or a keystroke: run after the frame being drawn, or when idle. */

/** Runs `work` once the next frame is drawn (its animation frame, then a task after it). */
export const afterNextPaint = (work: () => void): void => {
  requestAnimationFrame(() => setTimeout(work));
};

/** Runs `work` when the page is idle, at the latest after `timeout` ms. */
export const whenIdle = (work: () => void, timeout: number): void => {
  requestIdleCallback(() => work(), { timeout });
};

/** When the user last pressed a key or a pointer button on the page. */
let lastInput = -Infinity;
let listening = false;

/**
 * Runs `work` once the user has left the page alone for `quietMs` (no key, no click; and at least that long after
 * this call), when it is idle: for what is only prepared ahead (chunks of dialogs and pages not open), which should
 * not take the main thread or the server from the first keystrokes after a page opens.
 */
export const whenQuiet = (work: () => void, quietMs = 2000): void => {
  if (!listening) {
    listening = true;
    for (const type of ['keydown', 'pointerdown'])
      window.addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });
  }
  const since = performance.now();
  const attempt = (): void => {
    const wait = Math.max(lastInput, since) + quietMs - performance.now();
    if (wait > 0) setTimeout(attempt, wait);
    else whenIdle(work, 1000);
  };
  attempt();
};
