/**
 * Refusals that happen before a route runs, in the API's one error shape `{ code, message }` with a Japanese
 * message: HTTP the parser cannot read (answered on the raw socket), URLs with broken percent-encoding, and JSON
 * bodies nested deeper than any assessment (refused before JSON.parse spends seconds on a million levels).
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.js';
import { API_MESSAGES_JA, VALIDATION_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { MAX_NESTING } from '../schema/index.js';
import type { ApiError } from './dto.js';

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** What node's HTTP parser refused, as one of our errors. */
const clientErrorOf = (error: NodeJS.ErrnoException): { code: ErrorCode; message: string } => {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { code: 'HEADERS_TOO_LARGE', message: API_MESSAGES_JA.headersTooLarge };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 'REQUEST_TIMEOUT', message: API_MESSAGES_JA.requestTimeout };
  return { code: 'INVALID_REQUEST', message: API_MESSAGES_JA.malformedHttp };
};

/** fastify's clientErrorHandler: node found no HTTP request to route, so the answer is written on the socket. */
export const answerClientError = (error: NodeJS.ErrnoException, socket: Socket): void => {
  // A reset connection has no one to answer (node's own behaviour, which fastify copies).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = clientErrorOf(error);
  const status = ERROR_STATUS[code];
  const body: ApiError = { code, message };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
};

/** What the router refused, as our error: a URL it cannot decode, a path part longer than any id. */
const frameworkErrorOf = (error: FastifyError): { code: ErrorCode; message: string } => {
  if (error.code === 'FST_ERR_BAD_URL') return { code: 'INVALID_REQUEST', message: API_MESSAGES_JA.badUrl };
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return { code: 'INVALID_REQUEST', message: API_MESSAGES_JA.paramTooLong };
  return { code: 'INTERNAL', message: API_MESSAGES_JA.internal };
};

/** fastify's frameworkErrors: the router refused the URL before any route (`%E0%A4%A`, an id of 5,000 letters). */
export const answerFrameworkError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  const { code, message } = frameworkErrorOf(error);
  if (code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
  const body: ApiError = { code, message };
  void reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
};

/** Whether JSON text nests more than `max` arrays and objects, read without parsing it. */
export const jsonNestsDeeper = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
};

/**
 * JSON bodies as fastify parses them (proto poisoning refused), after a depth check: a request body is an envelope
 * (`{ data }`, `{ rows }`) around at most an assessment, so it nests one level more than MAX_NESTING at most.
 */
export const useDepthCheckedJson = (app: FastifyInstance): void => {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonNestsDeeper(text, MAX_NESTING + 1)) {
      done(new AppError('DOCUMENT_TOO_DEEP', fillMessage(VALIDATION_MESSAGES_JA.tooDeep, { limit: MAX_NESTING })), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      // fastify's parser answers prototype poisoning like broken JSON; the sender should learn which key it was.
      if (error && /"__proto__"\s*:/.test(text)) done(new AppError('INVALID_REQUEST', API_MESSAGES_JA.forbiddenKey), undefined);
      else done(error, parsed);
    });
  });
};
