/**
 * One error shape for every route: `{ code, message (Japanese), details? }`. AppErrors are expected failures
 * and keep their status; fastify's own refusals (schema, body size, media type, JSON) are translated; anything
 * else is a bug: logged with the request, answered 500 INTERNAL without details.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import path from 'node:path';
import { AppError, ERROR_STATUS, isAppError, type ErrorCode, type ErrorDetails } from '../errors.js';
import { API_MESSAGES_JA, REQUEST_PARTS_JA, fillMessage } from '../messages.ja.js';
import type { ApiError } from './dto.js';
import { rowRequestMessage } from './row-request-error.js';

type ValidationError = { instancePath: string; keyword: string; params?: Record<string, unknown> };

const answer = (reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply => {
  const body: ApiError = details === undefined ? { code, message } : { code, message, details };
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
};

const fromValidation = (request: FastifyRequest, error: FastifyError): AppError => {
  const errors = (error.validation ?? []) as ValidationError[];
  const context = error.validationContext ?? 'body';
  const details = { errors: errors.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })) };
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (context === 'params' && errors[0]?.instancePath === '/n') {
    const n = String(params['n'] ?? '').slice(0, 20);
    return new AppError('INVALID_REQUEST', fillMessage(API_MESSAGES_JA.invalidRevisionNumber, { n }), details);
  }
  if (context === 'params') {
    const id = params['id'];
    return new AppError(
      'INVALID_ID',
      fillMessage(API_MESSAGES_JA.invalidId, { id: String(id ?? '').slice(0, 100) }),
      details,
    );
  }
  const first = errors[0];
  if (context === 'body' && (first?.instancePath === '/data' || first?.params?.['missingProperty'] === 'data')) {
    return new AppError('INVALID_REQUEST', API_MESSAGES_JA.dataNotObject, details);
  }
  const rowMessage = context === 'body' ? rowRequestMessage(first) : undefined;
  if (rowMessage) return new AppError('INVALID_REQUEST', rowMessage, details);
  const field =
    first?.instancePath || (first?.params?.['missingProperty'] ? `/${String(first.params['missingProperty'])}` : '');
  const where = `${REQUEST_PARTS_JA[context] ?? context}${field}`;
  return new AppError('INVALID_REQUEST', fillMessage(API_MESSAGES_JA.invalidRequest, { where }), details);
};

/** fastify's refusals of a request, as AppErrors; undefined when the error is not a refusal but a bug. */
export const fromFastifyError = (
  request: FastifyRequest,
  error: FastifyError,
  bodyLimit: number,
): AppError | undefined => {
  if (error.validation) return fromValidation(request, error);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'REQUEST_TOO_LARGE',
        fillMessage(API_MESSAGES_JA.requestTooLarge, { limit: bodyLimit / 1024 / 1024 }),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', API_MESSAGES_JA.unsupportedMediaType);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_REQUEST', API_MESSAGES_JA.invalidJson);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('INVALID_REQUEST', API_MESSAGES_JA.contentLengthMismatch);
  }
  if (error instanceof SyntaxError && error.statusCode === 400)
    return new AppError('INVALID_REQUEST', API_MESSAGES_JA.invalidJson);
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(
      'INVALID_REQUEST',
      fillMessage(API_MESSAGES_JA.invalidRequest, { where: error.code ?? String(error.statusCode) }),
    );
  }
  return undefined;
};

/**
 * Store messages name files by their path on the server (`/srv/…/002-x/assessment.yaml: 改訂3はありません。`); the
 * browser is shown them relative to the data folder, as the officer knows them (`002-x/assessment.yaml`).
 */
const relativeTo = (dataDir: string) => {
  const prefix = `${path.resolve(dataDir)}${path.sep}`;
  const relative = (text: string): string => text.split(prefix).join('');
  return (error: AppError): { message: string; details: ErrorDetails } => {
    const { details } = error;
    return {
      message: relative(error.messageJa),
      details: typeof details.file === 'string' ? { ...details, file: relative(details.file) } : details,
    };
  };
};

export const createErrorHandler = (bodyLimit: number, dataDir: string) => {
  const shown = relativeTo(dataDir);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const expected = isAppError(error) ? error : fromFastifyError(request, error, bodyLimit);
    if (expected) {
      // Never log messages or details: they can quote the document. The code and the route say enough.
      request.log.info({ code: expected.code }, 'request refused');
      const { message, details } = shown(expected);
      return answer(reply, expected.code, message, Object.keys(details).length > 0 ? details : undefined);
    }
    request.log.error({ err: error }, 'internal error');
    return answer(reply, 'INTERNAL', API_MESSAGES_JA.internal);
  };
};

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0]!.slice(0, 200);

/** Unknown API paths answer JSON in Japanese, like every other API error. */
export const routeNotFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  answer(
    reply,
    'ROUTE_NOT_FOUND',
    fillMessage(API_MESSAGES_JA.routeNotFound, { method: request.method, url: pathOf(request) }),
  );

export const fileNotFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  answer(reply, 'ROUTE_NOT_FOUND', fillMessage(API_MESSAGES_JA.fileNotFound, { url: pathOf(request) }));

export const uiNotBuilt = (reply: FastifyReply, uiDir: string): FastifyReply =>
  answer(reply, 'ROUTE_NOT_FOUND', fillMessage(API_MESSAGES_JA.uiNotBuilt, { uiDir }));
