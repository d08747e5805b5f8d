/**
 * A chunk of the bundle loaded on first use (a dynamic import), once; a failed load is tried again next time.
 * The editor's first screen evaluates only the code it draws: pages, dialogs and flows it does not show come as
 * chunks of their own, asked for when needed and, for the likely ones, in idle time after the first screen.
 */
export const lazyChunk = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
};
