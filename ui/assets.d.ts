/** Stylesheets imported for their rules (main.ts): Vite bundles them into the page's CSS; they export nothing. */
declare module '*.css';
