/**
 * DNS rebinding: a web page on any name that resolves to this machine could otherwise talk to the API. Every
 * request must name the server by one of its configured names in the Host header; loopback names are always
 * configured. An entry without a port accepts the port the server listens on (any port while it is not
 * listening, as under fastify's inject in tests); an entry with a port accepts exactly that one (a reverse proxy's
 * public name, e.g. `pia.city.example:443`).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import { TEAM_MESSAGES_JA } from '../../team/index.js';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** `Example.COM:3000` → { name: 'example.com', port: '3000' }; IPv6 keeps its brackets; no port → default port. */
export const splitHost = (host: string, defaultPort: string): { name: string; port: string } | undefined => {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase().replace(/\.$/, ''), port: match[2] ?? defaultPort };
};

export const createHostCheck = (serverNames: readonly string[], listeningPort: () => number | undefined) => {
  const entries = [...LOOPBACK_NAMES, ...serverNames]
    .map((entry) => splitHost(entry, ''))
    .filter((e) => e !== undefined);
  const shown = [...LOOPBACK_NAMES, ...serverNames].join('、');
  return (request: FastifyRequest): void => {
    const header = request.headers.host ?? '';
    const host = splitHost(header, request.protocol === 'https' ? '443' : '80');
    const port = listeningPort();
    const allowed =
      host !== undefined &&
      entries.some(
        (entry) =>
          entry.name === host.name &&
          (entry.port !== '' ? entry.port === host.port : port === undefined || String(port) === host.port),
      );
    if (!allowed)
      throw new AppError(
        'HOST_NOT_ALLOWED',
        fillMessage(TEAM_MESSAGES_JA.hostNotAllowed, { host: header.slice(0, 100), allowed: shown }),
      );
  };
};
