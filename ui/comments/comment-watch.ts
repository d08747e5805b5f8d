import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { comments } from './comment-store.js';

/**
 * Keeps an element subscribed to the threads of one item (or '*' for all) of the page's comment store while it is
 * connected, following the item if its pointer changes; by default a change re-renders the element alone.
 */
export class CommentWatch implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private watched: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly key: () => string,
    private readonly onChange: () => void = () => host.requestUpdate(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.watch();
  }

  hostUpdate(): void {
    if (this.host.isConnected && this.key() !== this.watched) this.watch();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watched = undefined;
  }

  private watch(): void {
    this.unsubscribe?.();
    this.watched = this.key();
    this.unsubscribe = comments.subscribe(this.watched, this.onChange);
  }
}
