/**
 * The pages of the app, from the URL path (the server falls back to index.html for every non-/api path): the
 * browser's router (ui/components/pia-app) and the server, which writes the answers a page needs into it
 * (src/server/initial-answers.ts), read an address the same way.
 */
export type Route =
  | { page: 'list' }
  | { page: 'editor'; id: string }
  | { page: 'compare'; id: string }
  | { page: 'snippets' }
  | { page: 'audit'; id: string }
  | { page: 'users' }
  | { page: 'not-found' };

export const routeOf = (path: string): Route => {
  if (path === '/' || path === '') return { page: 'list' };
  if (path === '/snippets' || path === '/snippets/') return { page: 'snippets' };
  if (path === '/users' || path === '/users/') return { page: 'users' };
  const match = /^\/assessments\/([^/]+)(\/compare|\/audit)?\/?$/.exec(path);
  if (!match) return { page: 'not-found' };
  const id = decodeURIComponent(match[1]!);
  if (match[2] === '/compare') return { page: 'compare', id };
  return match[2] === '/audit' ? { page: 'audit', id } : { page: 'editor', id };
};
