import { isIsoDate } from '../../domain/wareki-parse.js';
import type { CheckContext } from '../context.js';

/** An ISO date field's value, or undefined when it is empty or not a date yet (a draft's schema problem). */
export const dateAt = (context: CheckContext, pointer: string): string | undefined => {
  const value = context.get(pointer);
  return isIsoDate(value) ? value : undefined;
};
