/** Types of scripts/build.mjs for the TypeScript that imports it (tests, bench). */
export type BuildTarget = 'ui' | 'server' | 'cli';
export declare const ROOT: string;
export declare const SERVER_ENTRY: string;
export declare const isFresh: (name: BuildTarget) => Promise<boolean>;
export declare const bundleCommonJs: (
  entryPoint: string,
  outdir: string,
  prefix: string,
) => Promise<{ entry: string; files: string[]; entryFiles: string[] }>;
export declare const ensureBuilt: (
  names?: readonly BuildTarget[],
  options?: { force?: boolean; log?: (name: BuildTarget) => void },
) => Promise<BuildTarget[]>;
