/**
 * The built UI (vite's output): files as they are, and index.html for any other page path, so a reload on
 * /assessments/001 opens the app there, with the API answers its first screen needs written in
 * (initial-answers.ts). /api paths never fall back: an unknown API is a JSON 404.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileBytes } from '../store/index.js';
import { fileNotFound, routeNotFound, uiNotBuilt } from './error-handler.js';
import { initialAnswers, withInitialAnswers } from './initial-answers.js';

// vite names bundle files by content hash, so they can be cached for good; any other file is revalidated (pages
// are never stored: sendPage).
const cacheControlFor = (file: string): string =>
  /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';

const isApi = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** Bundle files have an extension in their last segment; page paths of the app (/assessments/001) do not. */
const isFilePath = (url: string): boolean => /\.[0-9A-Za-z]+$/.test(url.split('?')[0]!.split('/').pop() ?? '');

/** index.html is a few hundred bytes; anything far larger in its place is not the built page. */
const PAGE_LIMIT = 1024 * 1024;

/**
 * A page of the app: index.html with the answers for this person and address. Never stored by a cache (it may carry
 * a draft); read per request, since a build may replace it under a running server.
 */
const sendPage = async (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, uiDir: string): Promise<FastifyReply> => {
  let page: string;
  try {
    page = (await readFileBytes(path.join(uiDir, 'index.html'), PAGE_LIMIT)).toString('utf8');
  } catch {
    return uiNotBuilt(reply, uiDir);
  }
  const answers = request.method === 'GET' ? await initialAnswers(app, request) : undefined;
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(withInitialAnswers(page, answers));
};

export const registerStaticUi = (app: FastifyInstance, uiDir: string): void => {
  // serve: false — only reply.sendFile; the catch-all route below decides between a file and index.html.
  app.register(fastifyStatic, {
    root: uiDir,
    serve: false,
    cacheControl: false,
    // The build writes a .br and a .gz beside each text file (scripts/build.mjs): sent as they are, not compressed
    // again per request.
    preCompressed: true,
    setHeaders: (reply, file) => void reply.header('cache-control', cacheControlFor(file)),
  });

  // Declared once the plugins registered before (compression) have loaded: a route gets the hooks present when
  // it is declared.
  app.after((error) => {
    if (error) throw error;
    app.get<{ Params: { '*': string } }>('/*', (request, reply) => {
      if (isApi(request.url)) return routeNotFound(request, reply);
      const file = request.params['*'];
      return file !== '' && isFilePath(request.url) ? reply.sendFile(file) : sendPage(app, request, reply, uiDir);
    });

    // Reached when sendFile finds nothing: a missing bundle file, or no index.html because the UI was never built.
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      if (isApi(request.url) || (request.method !== 'GET' && request.method !== 'HEAD'))
        return routeNotFound(request, reply);
      return isFilePath(request.url) ? fileNotFound(request, reply) : uiNotBuilt(reply, uiDir);
    });
  });
};
