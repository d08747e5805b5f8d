/**
 * What a route needs of the person calling it, declared on the route (`config.access`) so an authorisation layer
 * can read it in an onRoute hook: `read` an assessment or the library, `edit` a draft, `create` an assessment,
 * `admin` the shared standard-text library. Routes without it predate the tag.
 */
export type Access = 'read' | 'edit' | 'create' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const needs = (access: Access): { config: { access: Access } } => ({ config: { access } });
