/** Expected failures: each code has an HTTP status and a Japanese message (messages.ja.ts). */
export type ErrorCode =
  | 'ASSESSMENT_NOT_FOUND'
  | 'FILE_TOO_LARGE'
  | 'FILE_NOT_UTF8'
  | 'YAML_SYNTAX'
  | 'YAML_DUPLICATE_KEY'
  | 'YAML_ALIAS_LIMIT'
  | 'YAML_NOT_MAPPING'
  | 'YAML_TOO_DEEP'
  | 'YAML_TAG'
  | 'YAML_VERSION'
  | 'DOCUMENT_TOO_DEEP'
  | 'DOCUMENT_TOO_LARGE'
  | 'NOT_A_FILE'
  | 'IMAGE_INVALID'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'UNKNOWN_FORM'
  | 'ASSESSMENT_INVALID'
  | 'REVISION_NOT_FOUND'
  | 'REVISION_CONFLICT'
  | 'WRITE_FAILED'
  | 'INVALID_REQUEST'
  | 'INVALID_ID'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'ASSESSMENT_EXISTS'
  | 'PRECONDITION_REQUIRED'
  | 'INVALID_CONFIG'
  | 'INTERNAL'
  | 'TEMPLATE_MISSING'
  | 'FONT_MISSING_GLYPH'
  | 'IMAGE_NOT_FOUND'
  | 'REVISION_FROZEN'
  | 'PATCH_INVALID'
  | 'STATUS_TRANSITION_INVALID'
  | 'STATUS_REASON_REQUIRED'
  | 'AUTHOR_REQUIRED'
  | 'ROWS_CONFLICT'
  | 'ASSESSMENT_BUSY'
  | 'ROW_NOT_IN_REVISION'
  | 'FORM_REVISION_INVALID'
  | 'SNIPPET_NOT_FOUND'
  | 'SNIPPET_INVALID'
  | 'SNIPPET_EXISTS'
  | 'SNIPPET_TARGET_INVALID'
  | 'WITHHELD_TARGET_INVALID'
  | 'WITHHELD_UNRESOLVED'
  | 'PUBLICATION_NOT_READY'
  | 'PUBLICATION_SOURCE_INVALID'
  // Team server (accounts, roles, comments, audit) and the Host/Origin checks.
  | 'HOST_NOT_ALLOWED'
  | 'ORIGIN_REJECTED'
  | 'CSRF_REJECTED'
  | 'AUTH_REQUIRED'
  | 'FORBIDDEN'
  | 'LOGIN_FAILED'
  | 'LOGIN_THROTTLED'
  | 'USER_NOT_FOUND'
  | 'USER_EXISTS'
  | 'COMMENT_NOT_FOUND'
  | 'DATABASE_LOCKED'
  | 'DATABASE_UNAVAILABLE';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  ASSESSMENT_NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  FILE_NOT_UTF8: 422,
  YAML_SYNTAX: 422,
  YAML_DUPLICATE_KEY: 422,
  YAML_ALIAS_LIMIT: 422,
  YAML_NOT_MAPPING: 422,
  YAML_TOO_DEEP: 422,
  YAML_TAG: 422,
  YAML_VERSION: 422,
  DOCUMENT_TOO_DEEP: 422,
  DOCUMENT_TOO_LARGE: 422,
  NOT_A_FILE: 422,
  IMAGE_INVALID: 422,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  UNKNOWN_FORM: 422,
  ASSESSMENT_INVALID: 422,
  REVISION_NOT_FOUND: 404,
  REVISION_CONFLICT: 409,
  // The disk refused (full, read-only, no permission): the request was fine and nothing was half-written.
  WRITE_FAILED: 507,
  INVALID_REQUEST: 400,
  INVALID_ID: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TOO_LARGE: 413,
  ROUTE_NOT_FOUND: 404,
  ASSESSMENT_EXISTS: 409,
  PRECONDITION_REQUIRED: 428,
  INVALID_CONFIG: 500,
  INTERNAL: 500,
  TEMPLATE_MISSING: 500,
  FONT_MISSING_GLYPH: 422,
  IMAGE_NOT_FOUND: 422,
  REVISION_FROZEN: 423,
  // A delta save whose operations do not fit the version they were made from: nothing was written.
  PATCH_INVALID: 422,
  STATUS_TRANSITION_INVALID: 409,
  STATUS_REASON_REQUIRED: 422,
  AUTHOR_REQUIRED: 422,
  ROWS_CONFLICT: 409,
  ASSESSMENT_BUSY: 503,
  ROW_NOT_IN_REVISION: 422,
  FORM_REVISION_INVALID: 422,
  SNIPPET_NOT_FOUND: 404,
  SNIPPET_INVALID: 422,
  SNIPPET_EXISTS: 409,
  SNIPPET_TARGET_INVALID: 422,
  WITHHELD_TARGET_INVALID: 422,
  // The 公表版 would show withheld text: the document must be fixed first, like ASSESSMENT_INVALID.
  WITHHELD_UNRESOLVED: 422,
  PUBLICATION_NOT_READY: 409,
  PUBLICATION_SOURCE_INVALID: 422,
  HOST_NOT_ALLOWED: 421,
  ORIGIN_REJECTED: 403,
  CSRF_REJECTED: 403,
  AUTH_REQUIRED: 401,
  FORBIDDEN: 403,
  LOGIN_FAILED: 401,
  LOGIN_THROTTLED: 429,
  USER_NOT_FOUND: 404,
  USER_EXISTS: 409,
  COMMENT_NOT_FOUND: 404,
  DATABASE_LOCKED: 503,
  DATABASE_UNAVAILABLE: 503,
};

export type ErrorDetails = {
  file?: string;
  line?: number;
  column?: number;
  [key: string]: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** Japanese text for people; `message` stays English for logs. */
  readonly messageJa: string;

  constructor(code: ErrorCode, messageJa: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(`${code}: ${messageJa}`, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.messageJa = messageJa;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
