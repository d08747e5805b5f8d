/**
 * Hostile HTTP requests, written as raw bytes so that nothing (no client library) repairs them: bad ids and
 * paths, broken encodings, odd methods and headers, bodies of every wrong shape and size, and documents saved
 * with hostile content that every later read of the draft then goes through.
 */
import type { Rng } from './rng.js';

export type HostileRequest = {
  readonly kind: string;
  readonly bytes: Buffer;
  /** The client gives up after this long without expecting an answer (a request left unfinished on purpose). */
  readonly abandonAfterMs?: number;
};

export type ApiTarget = {
  /** Assessments the requests may change. */
  readonly ids: readonly string[];
  /** Their documents as first read, to mutate and save. */
  readonly documents: Readonly<Record<string, Record<string, unknown>>>;
};

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'get', 'FOO', 'CONNECT', 'PROPFIND'];

const BAD_IDS = [
  '..', '%2e%2e', '..%2F..%2Fetc', '%2Fetc%2Fpasswd', '.hidden', 'a.b', 'x'.repeat(82), 'x'.repeat(5_000), '%00', 'a%00b', '%20',
  'a%20b', '%E6%97%A5%E6%9C%AC', '%F0%9F%98%80', '%', '%ZZ', '%E0%A4%A', '%C0%AF', 'CON', 'nai-hyokasho', '-dash', '_under',
  'a;b', 'a?b', '%3F', '%23', '%5C', 'a%2Fb',
];

const REVISION_NUMBERS = ['0', '-1', '1', '2', '999999', '1000000', '99999999999999999999', '1.5', '1e3', 'abc', '%31', '', ' 1', '0x1'];

/** Values that are the wrong type, shape or size somewhere, as JSON (what an API body can carry). */
const hostileValue = (rng: Rng): unknown => {
  const pick = rng.int(30);
  switch (pick) {
    case 0: return null;
    case 1: return true;
    case 2: return -1;
    case 3: return 1.5;
    case 4: return 1e308;
    case 5: return '';
    case 6: return '2025-13-01';
    case 7: return '2025-02-30';
    case 8: return '\uD800';
    case 9: return 'a\u0000b\u202E😀';
    case 10: return '<page-break/></cell>{{> document}}';
    case 11: return {};
    case 12: return [];
    case 13: return { a: 1 };
    case 14: return [1, 'x', null];
    case 15: return { toString: 'x', valueOf: 1, constructor: 2 };
    case 16: return { checked: 'yes', text: 5 };
    case 17: return 'あ'.repeat(rng.int(200_000));
    case 18: return Array.from({ length: rng.int(5_000) }, (_, i) => ({ id: `e-${i % 3}`, x: i }));
    case 19: return Array.from({ length: rng.int(60_000) }, () => 1);
    case 20: {
      let deep: unknown = 1;
      for (let i = 0; i < 20 + rng.int(20); i += 1) deep = [deep];
      return deep;
    }
    case 21: return '長い行\n'.repeat(rng.int(30_000));
    case 22: return { value: { value: { value: 1 } } };
    case 23: return [{ id: 'dup' }, { id: 'dup' }];
    case 24: return 'yes';
    case 25: return 12345678901234567890;
    case 26: return -0;
    case 27: return '..\\..\\etc\\passwd';
    case 28: return { file: '../../secret.png', caption: 'x' };
    default: return 'x'.repeat(rng.int(1_000));
  }
};

/** A random place of a document: the path of an existing value. */
const randomPath = (rng: Rng, value: unknown): (string | number)[] => {
  const path: (string | number)[] = [];
  let current = value;
  while (typeof current === 'object' && current !== null && rng.chance(0.8)) {
    const keys = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
    if (keys.length === 0) break;
    const key = rng.pick<string | number>(keys);
    path.push(key);
    current = (current as Record<string | number, unknown>)[key];
  }
  return path;
};

/** A copy of `document` with one to three places replaced, removed or added, as an editor gone wrong would send. */
export const hostileDocument = (rng: Rng, document: Record<string, unknown>): Record<string, unknown> => {
  const copy = structuredClone(document);
  for (let n = 1 + rng.int(3); n > 0; n -= 1) {
    const path = randomPath(rng, copy);
    if (path.length === 0) continue;
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
    const key = path.at(-1)!;
    const action = rng.int(10);
    if (action === 0 && !Array.isArray(parent)) delete parent[key];
    else if (action === 1 && !Array.isArray(parent)) parent[rng.pick(['x-unknown', 'toString', 'constructor', '', '~1/'])] = hostileValue(rng);
    else parent[key] = hostileValue(rng);
  }
  return copy;
};

/**
 * The name every request gives in Host. Requests are written before the server's port is known, so the name has no
 * port (80 by HTTP's rule): the server under attack lists it among its names, and requests reach the routes
 * instead of the Host check's 421.
 */
export const REQUEST_HOST = '127.0.0.1';
export const SERVER_NAMES: readonly string[] = [`${REQUEST_HOST}:80`];

type Parts = { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; contentType?: string | null };

/** An HTTP/1.1 request with a correct Content-Length, closing the connection after the answer. */
export const request = ({ method, path, headers = {}, body, contentType = 'application/json' }: Parts): Buffer => {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${REQUEST_HOST}`, 'Connection: close'];
  if (payload) {
    if (contentType !== null) lines.push(`Content-Type: ${contentType}`);
    lines.push(`Content-Length: ${payload.length}`);
  }
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload ?? Buffer.alloc(0)]);
};

const encodePath = (text: string): string => text.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));

type Generator = (rng: Rng, target: ApiTarget) => HostileRequest;

const json = (value: unknown): string => JSON.stringify(value);

const ROUTES = ['', '/checks', '/revisions', '/revisions/1', '/revisions/2', '/revisions/1/rows', '/revisions/1/status', '/diff?from=1', '/diff?from=1&to=draft', '/pdf'];

const GENERATORS: Readonly<Record<string, { weight: number; make: Generator }>> = {
  'bad id': {
    weight: 12,
    make: (rng) => ({
      kind: 'bad id',
      bytes: request({ method: rng.pick(['GET', 'GET', 'PUT', 'POST']), path: `/api/assessments/${rng.pick(BAD_IDS)}${rng.pick(ROUTES)}`, headers: { 'If-Match': '*' }, body: rng.chance(0.3) ? '{"data":{"form":"yoshiki3"}}' : undefined }),
    }),
  },
  'read a draft': {
    weight: 14,
    make: (rng, target) => {
      const route = rng.pick(['', '', '/checks', '/checks', '/revisions', '/revisions/1', '/diff?from=1', '/diff?from=1&to=draft', '/diff?from=1&to=1']);
      return { kind: 'read a draft', bytes: request({ method: 'GET', path: `/api/assessments/${rng.pick(target.ids)}${route}` }) };
    },
  },
  'print a draft': {
    weight: 1,
    make: (rng, target) => ({
      kind: 'print a draft',
      bytes: request({ method: 'GET', path: `/api/assessments/${rng.pick(target.ids)}/pdf${rng.pick(['', '?revision=1', '?download=1', '?revision=99', '?revision=abc'])}` }),
    }),
  },
  'list and search': {
    weight: 6,
    make: (rng) => {
      const q = rng.pick(['伊勢', '%E4%BC%8A', '%ZZ', 'x'.repeat(300), '%00', '', 'a&q=b', '%F0%9F%98%80', '[]', 'q[]=1']);
      const extra = rng.pick(['', '&form=yoshiki3', '&form=yoshiki9', '&status=draft', '&status=x', '&form=yoshiki3&form=yoshiki4']);
      return { kind: 'list and search', bytes: request({ method: 'GET', path: `/api/assessments?q=${q}${extra}` }) };
    },
  },
  'save a hostile document': {
    weight: 20,
    make: (rng, target) => {
      const id = rng.pick(target.ids);
      const data = rng.chance(0.1) ? target.documents[id]! : hostileDocument(rng, target.documents[id]!);
      const ifMatch = rng.pick(['*', '*', '*', '"stale"', 'W/"x"', '', '"a", "b"']);
      return { kind: 'save a hostile document', bytes: request({ method: 'PUT', path: `/api/assessments/${id}`, headers: ifMatch === '' ? {} : { 'If-Match': ifMatch }, body: json({ data }) }) };
    },
  },
  'hostile body': {
    weight: 10,
    make: (rng, target) => {
      const body = rng.pick<() => string | Buffer>([
        () => '', () => 'null', () => '[]', () => '"x"', () => '{', () => '{"data":', () => '{"data":null}', () => '{"data":[]}',
        () => '{"data":"x"}', () => '{"data":{"__proto__":{"x":1}}}', () => '{"data":{"constructor":{"prototype":{"x":1}}}}',
        () => `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, () => `{"data":{"form":"yoshiki3","x":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}}`,
        () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), () => '\uFEFF{"data":{}}', () => '{"data":{},"data":{"form":"yoshiki3"}}',
        () => json({ data: { form: 'yoshiki3', x: 'x'.repeat(5 * 1024 * 1024) } }), () => json({ data: { form: 'yoshiki3', x: Array.from({ length: 200_000 }, () => 0) } }),
        () => json({ data: { ...target.documents[rng.pick(target.ids)], form: rng.pick(['yoshiki3', 'yoshiki4', 'yoshiki5', 3]) } }),
      ])();
      const path = rng.pick([`/api/assessments/${rng.pick(target.ids)}`, '/api/assessments', `/api/assessments/${rng.pick(target.ids)}/revisions`, `/api/assessments/${rng.pick(target.ids)}/revisions/1/rows`]);
      return { kind: 'hostile body', bytes: request({ method: rng.pick(['PUT', 'POST']), path, headers: { 'If-Match': '*' }, body }) };
    },
  },
  'create': {
    weight: 4,
    make: (rng) => {
      const body = {
        form: rng.pick<unknown>(['yoshiki3', 'yoshiki4', 'yoshiki9', null, 3]),
        ...(rng.chance(0.6) ? { id: rng.pick<unknown>(['../x', 'a/b', 'ok-id', 'x'.repeat(100), '', 3, `h-${rng.int(1_000_000)}`, '004-ise-yobosesshu']) } : {}),
        ...(rng.chance(0.5) ? { title: rng.pick<unknown>(['ＡＢＣ評価書', 'x'.repeat(2_000), '', '\u0000', {}, '../../']) } : {}),
        ...(rng.chance(0.2) ? { extra: 1 } : {}),
      };
      return { kind: 'create', bytes: request({ method: 'POST', path: '/api/assessments', body: json(body) }) };
    },
  },
  'revisions': {
    weight: 8,
    make: (rng, target) => {
      const id = rng.pick(target.ids);
      const n = rng.pick(REVISION_NUMBERS);
      const choice = rng.int(3);
      if (choice === 0) {
        const body = {
          message: rng.pick<unknown>(['見直し', '', 'x'.repeat(3_000), 3]),
          changeDate: rng.pick<unknown>(['2025-10-01', '2025-13-01', '2025-02-30', '令和7年', 20251001]),
          author: rng.pick<unknown>(['山田', '', 'x'.repeat(300)]),
          baseRevision: rng.pick<unknown>([null, 0, 1, 2, -1, 1e20, '1', 1.5]),
        };
        return { kind: 'revisions', bytes: request({ method: 'POST', path: `/api/assessments/${id}/revisions`, body: json(body) }) };
      }
      if (choice === 1) {
        const row = { date: '2025-10-01', item: 'Ⅰ', before: 'a', after: 'b', timing: '事後', explanation: 'x', important: false };
        const rows = rng.pick<unknown>([
          [row], [], [{ ...row, timing: '後で' }], [{ ...row, date: '2025-13-01' }], [{ ...row, extra: 1 }], [{ ...row, important: 'no' }],
          [{ ...row, pointer: 'x' }], Array.from({ length: 5_001 }, () => row), [null], ['x'], { 0: row }, [{ ...row, before: { toString: 1 } }],
          [{ ...row, exception: 'TYPO' }], [{ ...row, timing: { toString: 1 } }],
        ]);
        return { kind: 'revisions', bytes: request({ method: 'PUT', path: `/api/assessments/${id}/revisions/${n}/rows`, body: json({ rows }) }) };
      }
      const status = rng.pick<unknown>(['draft', 'submitted', 'published', 'x', null, {}]);
      return { kind: 'revisions', bytes: request({ method: 'PUT', path: `/api/assessments/${id}/revisions/${n}/status`, body: json({ status }) }) };
    },
  },
  'method and path': {
    weight: 8,
    make: (rng, target) => {
      const path = rng.pick([
        '/', '/api', '/api/', '//api//assessments', '/api/assessments/', `/api/assessments/${rng.pick(target.ids)}/`, '/api/../etc/passwd',
        '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/index.html', '/assessments/001', '/favicon.ico', '/api/unknown',
        `/api/assessments/${rng.pick(target.ids)}/unknown`, '/api/assessments?', '/api/assessments#x', '*', encodePath('/評価書'), '/.git/config',
        `/api/assessments/${rng.pick(target.ids)}/revisions/1/rows/extra`, '/' + 'a/'.repeat(2_000),
      ]);
      return { kind: 'method and path', bytes: request({ method: rng.pick(METHODS), path, headers: { 'If-Match': '*' }, body: rng.chance(0.3) ? '{}' : undefined }) };
    },
  },
  'headers': {
    weight: 6,
    make: (rng, target) => {
      const id = rng.pick(target.ids);
      const contentType = rng.pick<string | null>([
        'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=shift_jis',
        'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/json-patch+json', '', null, 'application/json, text/plain', '*/*', 'x'.repeat(2_000),
      ]);
      const headers = rng.pick<Record<string, string>>([
        { 'If-Match': '"' + 'x'.repeat(5_000) + '"' }, { 'If-Match': '*', 'Content-Encoding': 'gzip' }, { 'If-Match': '*', 'Content-Encoding': 'br' },
        { 'If-Match': '*', Expect: '100-continue' }, { 'If-Match': '*', Upgrade: 'websocket', Connection: 'Upgrade' }, { 'X-Long': 'a'.repeat(20_000) },
        Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`X-H${i}`, 'v'])), { 'If-Match': '*', Origin: 'http://evil.example' }, { 'If-Match': '日本語' },
        { Accept: 'text/html' }, { 'If-Match': '*', 'Transfer-Encoding': 'chunked, identity' },
      ]);
      const body = json({ data: target.documents[id] });
      return { kind: 'headers', bytes: request({ method: rng.pick(['PUT', 'GET']), path: `/api/assessments/${id}`, headers, body, contentType }) };
    },
  },
  'malformed HTTP': {
    weight: 5,
    make: (rng, target) => {
      const id = rng.pick(target.ids);
      const text = rng.pick([
        'HELLO\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', 'GET / HTTP/1.1\nHost: x\n\n',
        `GET /api/assessments/${id} HTTP/1.0\r\n\r\n`, 'GET /api/assessments HTTP/1.1\r\nHost: x\r\n\r\nGET /api/assessments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        `PUT /api/assessments/${id} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n\r\n`,
        `PUT /api/assessments/${id} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        `PUT /api/assessments/${id} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`, `PUT /api/assessments/${id} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
        'GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n',
        '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', `GET /api/assessments/${id} HTTP/1.1\r\n Host: folded\r\n\r\n`,
        `${'GET '.repeat(5_000)}\r\n\r\n`, '\r\n\r\n\r\n', `POST /api/assessments HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{}`,
      ]);
      // Some of these announce a body they never send: the server may wait for it until its request timeout.
      return { kind: 'malformed HTTP', bytes: Buffer.from(text, 'latin1'), abandonAfterMs: 5_000 };
    },
  },
  'unfinished request': {
    weight: 2,
    make: (rng, target) => {
      const id = rng.pick(target.ids);
      const text = rng.pick([
        `PUT /api/assessments/${id} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIf-Match: *\r\nContent-Length: 1000\r\n\r\n{"data":`,
        'GET /api/assessments HTTP/1.1\r\nHost: x\r\n', 'GET /api/asse',
      ]);
      return { kind: 'unfinished request', bytes: Buffer.from(text, 'latin1'), abandonAfterMs: 200 };
    },
  },
};

export const REQUEST_KINDS = Object.keys(GENERATORS);

const TOTAL_WEIGHT = Object.values(GENERATORS).reduce((sum, { weight }) => sum + weight, 0);

export const hostileRequest = (rng: Rng, target: ApiTarget): HostileRequest => {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const { weight, make } of Object.values(GENERATORS)) {
    if (roll < weight) return make(rng, target);
    roll -= weight;
  }
  throw new Error('unreachable');
};
