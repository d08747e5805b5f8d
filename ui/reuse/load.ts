/**
 * The reuse chunk (core.ts), loaded the first time the officer asks for one of its flows, so the list's and the
 * editor's first load do not carry it. A failed load is tried again next time.
 */
import { lazyChunk } from '../lazy.js';

export const loadReuse = lazyChunk(() => import('./core.js'));
