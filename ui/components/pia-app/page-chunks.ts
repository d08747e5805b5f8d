/**
 * The pages an officer opens now and then (compare, audit, accounts) are chunks of their own (ui/lazy-chunk.ts): the
 * editor's and the list's first load do not parse them (36 kB of the minified bundle). A page's element is rendered
 * once its chunk has run, so it is created as the class it is (an element upgraded later would read its properties
 * only at its first update, after connectedCallback).
 */
import type { Route } from '../../../src/domain/page-routes.js';
import { lazyChunk, type LazyChunk } from '../../lazy-chunk.js';

export type LazyPage = Extract<Route['page'], 'compare' | 'audit' | 'users'>;

const chunks: Record<LazyPage, LazyChunk<unknown>> = {
  compare: lazyChunk(() => import('../pia-compare/pia-compare.js')),
  audit: lazyChunk(() => import('../pia-audit/pia-audit.js')),
  users: lazyChunk(() => import('../pia-users/pia-users.js')),
};

export const isLoaded = (page: LazyPage): boolean => chunks[page].loaded();

export const loadPage = (page: LazyPage): Promise<unknown> => chunks[page].load();
