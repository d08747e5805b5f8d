/** Types of scripts/bundle-plugins.mjs for the TypeScript that imports it (tests). */
/** The precompiled-templates module a bundle gets (ES module text exporting PRECOMPILED). */
export declare const precompiledTemplatesModule: (dir?: string) => Promise<string>;
/** The precomputed-metrics module a bundle gets (ES module text exporting PRECOMPUTED_METRICS), for these font packages' files. */
export declare const precomputedMetricsModule: (files?: readonly string[]) => Promise<string>;
/** Package files whose load-time tables the CLI bundle builds on first use, and the line that builds each. */
export declare const LAZY_TABLES: readonly { readonly file: RegExp; readonly line: RegExp }[];
export declare const withLazyTables: (text: string, line: RegExp) => { contents: string; found: number };
export declare const lazyTables: import('esbuild').Plugin;
