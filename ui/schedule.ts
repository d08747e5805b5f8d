/** Work that must not delay the first screen or a keystroke: run after the frame being drawn, or when idle. */

/** Runs `work` once the next frame is drawn (its animation frame, then a task after it). */
export const afterNextPaint = (work: () => void): void => {
  requestAnimationFrame(() => setTimeout(work));
};

/** Runs `work` when the page is idle, at the latest after `timeout` ms. */
export const whenIdle = (work: () => void, timeout: number): void => {
  requestIdleCallback(() => work(), { timeout });
};
