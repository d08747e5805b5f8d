/**
 * BIZ UDゴシック as a web font without a layout per slice on the first screen. The font comes as ~120 slices by
 * unicode-range (ui/fonts.css); used from the first layout, every slice that arrives re-lays the whole page, some
 * ten times while the editor of 001 opens, and the text waits for each. So the page is first drawn with the
 * installed font (BIZ UDゴシック itself where installed, else the system's Japanese font); as soon as its first
 * screen is drawn, the slices its text needs are asked for together and the page switches to them in one layout.
 * Text rendered after that loads what it lacks as before.
 */

/** The first family of --pia-font: the installed BIZ UDゴシック (a local() face, see fonts.css). */
const INSTALLED = "16px 'BIZ UDGothic installed'";
const WEB_FONT = "16px 'BIZ UDGothic'";
/** On <html>: --pia-font names the web font's slices. */
const WEB_FONT_CLASS = 'pia-web-font';

/** The characters the page shows: its text and the values of its text boxes, shadow roots included. */
const shownCharacters = (root: Node): string => {
  const seen = new Set<string>();
  const add = (text: string): void => {
    for (const character of text) seen.add(character);
  };
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) add(child.nodeValue ?? '');
      else if (child instanceof Element) {
        if (child instanceof HTMLInputElement || child instanceof HTMLTextAreaElement) add(child.value);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    }
  };
  walk(root);
  return [...seen].join('');
};

const installed = async (): Promise<boolean> => {
  const faces = await document.fonts.load(INSTALLED, 'あ').catch((): FontFace[] => []);
  return faces.some((face) => face.status === 'loaded');
};

/** Rounds of loading: items near the window render while the first slices travel, and may need others. */
const ROUNDS = 3;

const loadShownSlices = async (): Promise<void> => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const text = shownCharacters(document.body);
    if (document.fonts.check(WEB_FONT, text)) return;
    await document.fonts.load(WEB_FONT, text);
  }
};

const switchToWebFont = async (): Promise<void> => {
  // Where BIZ UDゴシック is installed it already draws the page; the slices would only be downloaded for nothing.
  if (!(await installed())) await loadShownSlices().catch(() => undefined);
  document.documentElement.classList.add(WEB_FONT_CLASS);
};

let requested = false;

/** Called once a page's first screen is rendered: its slices are asked for right after that frame. */
export const useWebFontSoon = (): void => {
  if (requested) return;
  requested = true;
  requestAnimationFrame(() => setTimeout(() => void switchToWebFont()));
};
