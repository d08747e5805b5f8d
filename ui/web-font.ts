/**
 * BIZ UDゴシック as a web font without a layout per slice on the first screen. The font comes as ~120 slices by
 * unicode-range (ui/fonts.css); used from the first layout, every slice that arrives re-lays the whole page, some
 * ten times while the editor of 001 opens, and the text waits for each. So the page is first drawn with the
 * installed font (BIZ UDゴシック itself where installed, else the system's Japanese font); once its first screen is
 * drawn and the person's input pauses, the slices its text needs are asked for together and the page switches to
 * them in one layout.
 * Text rendered after that loads what it lacks as before.
 */

/** The first family of --pia-font: the installed BIZ UDゴシック (a local() face, see fonts.css). */
const INSTALLED = "16px 'BIZ UDGothic installed'";
const WEB_FONT = "16px 'BIZ UDGothic'";
/** On <html>: --pia-font names the web font's slices. */
const WEB_FONT_CLASS = 'pia-web-font';

/**
 * The longest stretch of the switch's work in one task. It starts right after the first screen, when a person may
 * already be typing: the walk, the checks and the loads took 25–60 ms in one task on the editor of 001, and a key
 * pressed meanwhile waited for all of it.
 */
const SLICE_MS = 8;
/** Characters per check and load, so that no one call is long (a load starts the requests of its slices). */
const CHARACTERS_PER_CALL = 128;

/** A new task, so that input and a frame that is due come first (a message is not clamped as nested timers are). */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

/** Runs `steps` to the end, yielding to the page whenever a slice of SLICE_MS is used up. */
const inSlices = async <T>(steps: Iterable<T>, step: (item: T) => void): Promise<void> => {
  let sliceEnd = performance.now() + SLICE_MS;
  for (const item of steps) {
    step(item);
    if (performance.now() < sliceEnd) continue;
    await nextTask();
    sliceEnd = performance.now() + SLICE_MS;
  }
};

/**
 * The texts the page shows: its text nodes and the values of its text boxes, shadow roots included. Not the text of
 * scripts and style sheets: the page's answers (a script element of ~200 KB of JSON on the editor of 001) hold the
 * whole draft, and walking it cost more than the rest of the page and asked for slices no screen showed yet.
 */
function* shownTexts(root: Node): Generator<string> {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) yield child.nodeValue ?? '';
      else if (child instanceof HTMLScriptElement || child instanceof HTMLStyleElement) continue;
      else if (child instanceof Element) {
        if (child instanceof HTMLInputElement || child instanceof HTMLTextAreaElement) yield child.value;
        if (child.shadowRoot) pending.push(child.shadowRoot);
        pending.push(child);
      }
    }
  }
}

/** Each character the page shows, once (whole code points, so a character outside the BMP is one). */
const shownCharacters = async (root: Node): Promise<string[]> => {
  const texts: string[] = [];
  await inSlices(shownTexts(root), (text) => texts.push(text));
  return [...new Set(texts.join(''))];
};

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

const installed = async (): Promise<boolean> => {
  const faces = await document.fonts.load(INSTALLED, 'あ').catch((): FontFace[] => []);
  return faces.some((face) => face.status === 'loaded');
};

/** Rounds of loading: items near the window render while the first slices travel, and may need others. */
const ROUNDS = 3;

const loadShownSlices = async (): Promise<void> => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const loads: Promise<FontFace[]>[] = [];
    await inSlices(chunks(await shownCharacters(document.body), CHARACTERS_PER_CALL), (chunk) => {
      const text = chunk.join('');
      if (!document.fonts.check(WEB_FONT, text)) loads.push(document.fonts.load(WEB_FONT, text));
    });
    if (loads.length === 0) return;
    await Promise.all(loads);
  }
};

/**
 * How long the person's input must have paused before the switch starts, and again before its one layout of the
 * whole page. Its walk, loads and that layout in the web font (40–60 ms on the editor of 001) held the frame of a
 * key pressed as the page opened back by some 25 ms; a person reading the first screen leaves such a pause, one
 * typing a word does not. The slices take a moment to arrive, and a key may come meanwhile: the layout waits too.
 */
const QUIET_MS = 300;
/**
 * The longest the switch waits for those pauses: where no installed font draws Japanese, the first screen shows
 * boxes until the slices are in, and someone typing from the first moment must not keep them.
 */
const LATEST_MS = 1500;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'input', 'compositionupdate'] as const;

/** When input last came (input in shadow roots included: these events are composed). */
let lastInput = 0;
const noteInput = (): void => {
  lastInput = performance.now();
};

/** Resolves once no input has come for QUIET_MS, or at `latest` (a performance.now() time) at the latest. */
const inputPause = (latest: number): Promise<void> =>
  new Promise((resolve) => {
    const check = (): void => {
      const left = Math.min(lastInput + QUIET_MS, latest) - performance.now();
      if (left > 0) setTimeout(check, left);
      else resolve();
    };
    check();
  });

const switchToWebFont = async (): Promise<void> => {
  const latest = performance.now() + LATEST_MS;
  noteInput(); // the first pause counts from the first screen
  for (const type of INPUT_EVENTS) addEventListener(type, noteInput, { capture: true, passive: true });
  await inputPause(latest);
  // Where BIZ UDゴシック is installed it already draws the page; the slices would only be downloaded for nothing.
  if (!(await installed())) await loadShownSlices().catch(() => undefined);
  await inputPause(latest);
  for (const type of INPUT_EVENTS) removeEventListener(type, noteInput, { capture: true });
  document.documentElement.classList.add(WEB_FONT_CLASS);
};

let requested = false;

/** Called once a page's first screen is rendered: its slices are asked for in the first pause of input after it. */
export const useWebFontSoon = (): void => {
  if (requested) return;
  requested = true;
  requestAnimationFrame(() => void switchToWebFont());
};
