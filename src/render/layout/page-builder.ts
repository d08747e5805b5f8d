import { CONTENT_BOTTOM, PAGE } from './geometry.js';
import type { Drawable, LaidOutPage, Rect } from './types.js';

const EPSILON = 0.01;

const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x - EPSILON &&
  inner.y >= outer.y - EPSILON &&
  inner.x + inner.width <= outer.x + outer.width + EPSILON &&
  inner.y + inner.height <= outer.y + outer.height + EPSILON;

const PAGE_RECT: Rect = { x: 0, y: 0, width: PAGE.width, height: PAGE.height };

/**
 * Collects drawables page by page and owns the vertical cursor. Every text run is checked against its cell and
 * the page: a run outside them is a layout bug, so it throws rather than printing text nobody can read.
 */
export class PageBuilder {
  readonly pages: LaidOutPage[] = [];
  private items: Drawable[] = [];
  y: number = PAGE.marginTop;

  get remaining(): number {
    return CONTENT_BOTTOM - this.y;
  }

  get isPageEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Nothing takes vertical room above the cursor yet (a spacer does, a stamp in the margin does not). */
  get isAtTop(): boolean {
    return this.y <= PAGE.marginTop;
  }

  /** Starts a new page; on a page with nothing drawn yet (only spacing) it just returns to the top, never leaving a blank page. */
  newPage(): void {
    if (this.items.length > 0) this.pages.push({ items: this.items });
    this.items = [];
    this.y = PAGE.marginTop;
  }

  /** Ends the last page; returns all pages. */
  finish(): LaidOutPage[] {
    if (this.items.length > 0 || this.pages.length === 0) this.pages.push({ items: this.items });
    this.items = [];
    return this.pages;
  }

  add(item: Drawable): void {
    if (item.kind === 'text') {
      const run: Rect = { x: item.x, y: item.y, width: item.width, height: item.size };
      if (!inside(run, item.clip) || !inside(item.clip, PAGE_RECT)) {
        throw new Error(`text drawn outside its cell or the page: "${item.text.slice(0, 40)}" at ${item.x.toFixed(1)},${item.y.toFixed(1)}`);
      }
    }
    this.items.push(item);
  }
}

/** Adds text to every page after layout (page numbers), with the same bounds check. */
export const addToPages = (pages: readonly LaidOutPage[], make: (index: number, count: number) => Drawable[]): LaidOutPage[] =>
  pages.map((page, index) => ({ items: [...page.items, ...make(index, pages.length)] }));
