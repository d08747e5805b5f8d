/**
 * A chunk of the bundle loaded the first time it is asked for (the pages and flows an officer opens now and then),
 * so the list's and the editor's first load do not parse it. One import at a time; a failed load (the server
 * unreachable, or updated since the page was opened) is tried again at the next call.
 */
export type LazyChunk<T> = {
  readonly load: () => Promise<T>;
  /** Whether the chunk has run: its custom elements are defined. */
  readonly loaded: () => boolean;
};

/** `importer` is a literal `import()`, so that vite makes the module a chunk of its own. */
export const lazyChunk = <T>(importer: () => Promise<T>): LazyChunk<T> => {
  let loading: Promise<T> | undefined;
  let done = false;
  return {
    load: () =>
      (loading ??= importer().then(
        (module) => {
          done = true;
          return module;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
    loaded: () => done,
  };
};
