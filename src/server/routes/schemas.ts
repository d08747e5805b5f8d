/** Route schemas for request envelopes (ids, queries, body shapes). Document content is never checked here. */
import { FORM_IDS } from '../../schema/index.js';
import { ASSESSMENT_ID_PATTERN } from '../../store/index.js';

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: ASSESSMENT_ID_PATTERN } },
} as const;

export type IdParams = { id: string };

export const formEnum = { type: 'string', enum: [...FORM_IDS] } as const;

/** Cover texts are one line on the form; a generous cap still stops a mistaken paste of a whole document. */
export const coverText = { type: 'string', maxLength: 1000 } as const;
