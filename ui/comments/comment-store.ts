/**
 * The comment threads of the page's assessment (its draft or one revision), shared by the list and by the badge and
 * thread beside each item. Items render lazily and come and go, so each place subscribes by its pointer and is told
 * only when its own threads (or which one is open) change: a new comment re-renders one badge, not the form.
 */
import type { CommentThread, ItemCommentCount } from '../../src/server/dto.js';
import { api } from '../api/client.js';
import { currentSession, may } from '../session.js';

type Listener = () => void;
type Target = { readonly assessmentId: string; readonly revision: number | 'draft' };

/** Listeners of a pointer hear of its threads and of opening them; those of ANY of every thread changed (the list, the 項目一覧). */
const ANY = '*';
const NONE: readonly CommentThread[] = [];

class CommentStore {
  private target: Target | undefined;
  private byPointer = new Map<string, readonly CommentThread[]>();
  private readonly opened = new Set<string>();
  private readonly listeners = new Map<string, Set<Listener>>();

  /**
   * Which assessment and version the page shows; loads its threads (a page without comments passes nothing). The
   * same one again (back from the compare page) keeps the threads open and reads them anew.
   */
  async use(target: Target | undefined): Promise<void> {
    const same = target && this.target?.assessmentId === target.assessmentId && this.target.revision === target.revision;
    if (same) return this.reload();
    this.target = target && currentSession()?.features.comments ? target : undefined;
    this.byPointer = new Map();
    this.opened.clear();
    this.notifyAll();
    await this.reload();
  }

  async reload(): Promise<void> {
    const target = this.target;
    if (!target) return;
    const { items } = await api.comments(target.assessmentId, { revision: target.revision, status: 'all' });
    if (target !== this.target) return; // the page moved on while loading
    this.byPointer = new Map();
    for (const thread of items) this.byPointer.set(thread.pointer, [...(this.byPointer.get(thread.pointer) ?? []), thread]);
    this.notifyAll();
  }

  /** Comments are shown on this page (the team database is on and a target is set). */
  get active(): boolean {
    return this.target !== undefined;
  }

  /** The person may write comments on this assessment; others only read them. */
  get writable(): boolean {
    return this.target !== undefined && may('comment.write', this.target.assessmentId);
  }

  /** The threads on exactly this item, oldest first; the same array until one of them changes. */
  at(pointer: string): readonly CommentThread[] {
    return this.byPointer.get(pointer) ?? NONE;
  }

  /** Open and all threads per item (the 項目一覧 counts them). */
  counts(): Record<string, ItemCommentCount> {
    return Object.fromEntries(
      [...this.byPointer].map(([pointer, threads]) => [
        pointer,
        { open: threads.filter((thread) => !thread.resolved).length, total: threads.length },
      ]),
    );
  }

  isOpen(pointer: string): boolean {
    return this.opened.has(pointer);
  }

  /** Show or hide the threads beside an item. */
  setOpen(pointer: string, open: boolean): void {
    if (open === this.opened.has(pointer)) return;
    if (open) this.opened.add(pointer);
    else this.opened.delete(pointer);
    this.notify(pointer, false); // the threads did not change: the list and the counts need not hear of it
  }

  async add(pointer: string, body: string): Promise<void> {
    const target = this.required();
    this.put(await api.comment(target.assessmentId, { revision: target.revision, pointer, body }));
  }

  async reply(thread: number, body: string): Promise<void> {
    this.put(await api.reply(this.required().assessmentId, thread, body));
  }

  async resolve(thread: number, resolved: boolean): Promise<void> {
    this.put(await api.resolve(this.required().assessmentId, thread, resolved));
  }

  /** Listen to one item's threads (or ANY change with '*'); returns the unsubscribe. */
  subscribe(pointer: string, listener: Listener): () => void {
    const set = this.listeners.get(pointer) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(pointer, set);
    return () => set.delete(listener);
  }

  private required(): Target {
    if (!this.target) throw new Error('comments are not enabled on this page');
    return this.target;
  }

  private put(thread: CommentThread): void {
    const threads = this.at(thread.pointer);
    const index = threads.findIndex((one) => one.id === thread.id);
    this.byPointer.set(thread.pointer, index < 0 ? [...threads, thread] : threads.map((one, i) => (i === index ? thread : one)));
    this.notify(thread.pointer);
  }

  private notify(pointer: string, changed = true): void {
    for (const key of changed ? [pointer, ANY] : [pointer]) for (const listener of this.listeners.get(key) ?? []) listener();
  }

  private notifyAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener();
  }
}

/** The one store of the page shown (the router shows one page at a time). */
export const comments = new CommentStore();
export { ANY as ANY_COMMENT };
