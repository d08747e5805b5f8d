/** The reuse chunk (core.ts), loaded the first time the officer asks for one of its flows (ui/lazy-chunk.ts). */
import { lazyChunk } from '../lazy-chunk.js';

export const loadReuse = lazyChunk(() => import('./core.js')).load;
