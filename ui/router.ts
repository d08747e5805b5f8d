/** The pages of the app, from the URL path (the server falls back to index.html for every non-/api path). */
export type Route =
  | { page: 'list' }
  | { page: 'editor'; id: string }
  | { page: 'compare'; id: string }
  | { page: 'snippets' }
  | { page: 'not-found' };

export const routeOf = (path: string): Route => {
  if (path === '/' || path === '') return { page: 'list' };
  if (path === '/snippets' || path === '/snippets/') return { page: 'snippets' };
  const match = /^\/assessments\/([^/]+)(\/compare)?\/?$/.exec(path);
  if (!match) return { page: 'not-found' };
  const id = decodeURIComponent(match[1]!);
  return match[2] ? { page: 'compare', id } : { page: 'editor', id };
};
