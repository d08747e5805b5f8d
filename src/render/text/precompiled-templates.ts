/**
 * Templates compiled ahead of time, by their source text. This module is empty in the sources; the CLI build
 * (scripts/bundle-plugins.mjs, `precompiledTemplatesModule`) replaces it in the bundle with every templates/**\/*.hbs run through
 * Handlebars.precompile, so a cold `pia render` neither parses the templates nor generates their code (the bundle's
 * V8 code cache holds them compiled). Keyed by the text itself: a template edited since the build, or one from
 * another folder, finds no entry and is compiled as before, so a precompiled template can never be a stale one.
 */
import type Handlebars from 'handlebars';

/** What Handlebars.precompile gives, evaluated: what Handlebars.template takes. */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

export const PRECOMPILED: ReadonlyMap<string, TemplateSpec> = new Map();
