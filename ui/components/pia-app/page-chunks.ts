/**
 * The pages an officer opens now and then (compare, audit, accounts) are chunks of their own, loaded when the route
 * first asks for one: the editor's and the list's first load do not parse them (36 kB of the minified bundle, parsed
 * before the first screen). A page's element is rendered once its chunk has run, so it is created as the class it
 * is (an element upgraded later would read its properties only at its first update, after connectedCallback). A
 * failed load is tried again at the next visit.
 */
import type { Route } from '../../../src/domain/page-routes.js';

export type LazyPage = Extract<Route['page'], 'compare' | 'audit' | 'users'>;

const chunks: Record<LazyPage, () => Promise<unknown>> = {
  compare: () => import('../pia-compare/pia-compare.js'),
  audit: () => import('../pia-audit/pia-audit.js'),
  users: () => import('../pia-users/pia-users.js'),
};

const loading = new Map<LazyPage, Promise<unknown>>();
const loaded = new Set<LazyPage>();

export const isLoaded = (page: LazyPage): boolean => loaded.has(page);

export const loadPage = (page: LazyPage): Promise<unknown> => {
  let load = loading.get(page);
  if (!load) {
    load = chunks[page]().then(
      () => loaded.add(page),
      (error: unknown) => {
        loading.delete(page);
        throw error;
      },
    );
    loading.set(page, load);
  }
  return load;
};
