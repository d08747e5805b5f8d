/** Types of scripts/build.mjs for the TypeScript that imports it (tests, bench). */
export type BuildTarget = 'ui' | 'server' | 'cli';
export declare const ROOT: string;
export declare const SERVER_ENTRY: string;
export declare const isFresh: (name: BuildTarget) => Promise<boolean>;
export declare const bundleCommonJs: (
  entryPoint: string,
  outdir: string,
  prefix: string,
) => Promise<{ entry: string; files: string[] }>;
export declare const ensureBuilt: (
  names?: readonly BuildTarget[],
  options?: { force?: boolean; log?: (name: BuildTarget) => void },
) => Promise<BuildTarget[]>;
/** The precompiled-templates module a bundle gets (ES module text exporting PRECOMPILED). */
export declare const precompiledTemplatesModule: (dir?: string) => Promise<string>;
/** The precomputed-metrics module a bundle gets (ES module text exporting PRECOMPUTED_METRICS), for these font packages' files. */
export declare const precomputedMetricsModule: (files?: readonly string[]) => Promise<string>;
/** Package files whose load-time tables the CLI bundle builds on first use, and the line that builds each. */
export declare const LAZY_TABLES: readonly { readonly file: RegExp; readonly line: RegExp }[];
export declare const withLazyTables: (text: string, line: RegExp) => { contents: string; found: number };
export declare const lazyTables: import('esbuild').Plugin;
