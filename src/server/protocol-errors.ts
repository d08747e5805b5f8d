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
import { jsonNestsDeeper } from './json-body.js';
import { OFFLOAD_BYTES, type JsonBodyPool } from './json-body-pool.js';

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

/**
 * JSON bodies as fastify parses them (proto poisoning refused), after a depth check: a request body is an envelope
 * (`{ data }`, `{ rows }`) around at most an assessment, so it nests one level more than MAX_NESTING at most.
 * A large body (a save sends the whole assessment) is parsed in a worker thread when it is plain JSON
 * (json-body.ts); any other body, and any a worker could not parse, is judged here, so refusals are the same.
 */
/** A request body is an envelope (`{ data }`, `{ rows }`) around at most an assessment: one level more. */
const BODY_NESTING = MAX_NESTING + 1;

export const useDepthCheckedJson = (app: FastifyInstance, pool: JsonBodyPool): void => {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  const parseText = (request: FastifyRequest, text: string, done: (error: Error | null, body?: unknown) => void): void => {
    if (jsonNestsDeeper(text, BODY_NESTING)) {
      done(new AppError('DOCUMENT_TOO_DEEP', fillMessage(VALIDATION_MESSAGES_JA.tooDeep, { limit: MAX_NESTING })), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      // fastify's parser answers prototype poisoning like broken JSON; the sender should learn which key it was.
      if (error && /"__proto__"\s*:/.test(text)) done(new AppError('INVALID_REQUEST', API_MESSAGES_JA.forbiddenKey), undefined);
      else done(error, parsed);
    });
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length < OFFLOAD_BYTES) return parseText(request, bytes.toString('utf8'), done);
    void pool.parse(bytes, BODY_NESTING).then((parsed) => (parsed ? done(null, parsed.value) : parseText(request, bytes.toString('utf8'), done)));
  });
};
