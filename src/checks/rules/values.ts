import { isIsoDate } from '../../domain/wareki-parse.js';
import type { CheckContext } from '../context.js';

/** A value counts as filled unless it is null, blank, or a bare dash (the forms print ― / － for "none"). */
export const isBlank = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && /^[\s―－-]*$/.test(value));

/** An ISO date field's value, or undefined when it is empty or not a date yet (a draft's schema problem). */
export const dateAt = (context: CheckContext, pointer: string): string | undefined => {
  const value = context.get(pointer);
  return isIsoDate(value) ? value : undefined;
};
