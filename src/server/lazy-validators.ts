/**
 * Route schemas (params, query, body envelopes) compiled on a route's first request, not while the server gets
 * ready: fastify compiles every route's schemas with ajv before it listens, which was the largest single part of
 * the server's start (~0.65 s of 3.8 s of CPU on a loaded machine, for ~60 routes of which a session uses a few).
 * The validation is the same function, compiled from the same schema by the same compiler, only later.
 */
import ajvCompiler from '@fastify/ajv-compiler';

type Validate = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/**
 * A compiler whose validators compile on first use. fastify reads `schemaEnv` right before each call (an ajv
 * validator has one, and is then given its parent data so it may coerce the root), so that read compiles too.
 */
export const compiledOnFirstUse = <Compile extends (route: never) => unknown>(compile: Compile): Compile =>
  ((route: never) => {
    let compiled: Validate | undefined;
    const target = (): Validate => (compiled ??= compile(route) as Validate);
    const validate: Validate = (...args) => {
      const fn = target();
      const result = fn(...args);
      validate.errors = fn.errors;
      return result;
    };
    Object.defineProperty(validate, 'schemaEnv', { get: () => target().schemaEnv });
    return validate;
  }) as Compile;

const defaultValidators = ajvCompiler();

/** fastify's own validator compiler (its ajv, its options), compiling each route's schemas on first use. */
export const lazyRouteValidators: { buildValidator: typeof defaultValidators } = {
  buildValidator: (externalSchemas, options) => compiledOnFirstUse(defaultValidators(externalSchemas, options)),
};
