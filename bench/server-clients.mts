/**
 * The clients of bench/server.mts, in a worker thread of their own: as browsers are, they are no part of the server
 * process's event loop. Run on the server's thread, building, sending and reading 20 clients' requests took the
 * very thread the saves wait for (a few milliseconds of each request's time), and the figures counted the
 * clients' work as the server's. The machine's cores are still shared with them, as on one office PC.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export type Timed = { ms: number; status: number };
export type ClientsSetup = { readonly base: string; readonly sample: string; readonly ids: readonly string[]; readonly clients: number; readonly requests: number };
/** What the bench asks for; the answer is the requests' times. */
export type ClientsCommand =
  | { readonly kind: 'gets' }
  | { readonly kind: 'alone'; readonly method: 'PUT' | 'PATCH'; readonly saves: number }
  | { readonly kind: 'ownCopies'; readonly method: 'PUT' | 'PATCH' }
  | { readonly kind: 'openCopies' }
  | { readonly kind: 'contended' };

const { base, sample, ids, clients, requests } = workerData as ClientsSetup;
const url = (id: string): string => `${base}/api/assessments/${id}`;
const { data, etag } = (await (await fetch(url(sample))).json()) as { data: { cover: object }; etag: string };

const timed = async (request: () => Promise<Response>): Promise<Timed> => {
  const start = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
};

/** `clients` loops running side by side, each sending its requests one after another, as an editor tab does. */
const underLoad = async (client: (index: number) => Promise<Timed[]>): Promise<Timed[]> =>
  (await Promise.all(Array.from({ length: clients }, (_, index) => client(index)))).flat();

// Every save really changes the document (etags are content hashes: saving identical bytes is no new version).
const organization = (client: number, n: number): string => `北九州市長（保存 ${client}-${n}）`;
const wholeBody = (client: number, n: number): string =>
  JSON.stringify({ data: { ...data, cover: { ...data.cover, organization: organization(client, n) } } });
// What the editor's autosave sends after typing into one item: the change alone, merged if others saved meanwhile.
const deltaBody = (client: number, n: number): string =>
  JSON.stringify({ operations: [{ op: 'replace', path: '/cover/organization', value: organization(client, n) }], merge: true });
const save = (method: 'PUT' | 'PATCH', id: string, ifMatch: string, body: string) => () =>
  fetch(url(id), {
    method,
    headers: { 'content-type': 'application/json', 'if-match': `"${ifMatch}"` },
    body,
  });

let aloneEtag = etag;
/** One editor alone saving the sample again and again (each save a small edit, as autosave sends them). */
const saveAlone = async (method: 'PUT' | 'PATCH', saves: number): Promise<Timed[]> => {
  const results: Timed[] = [];
  for (let i = 0; i < saves; i += 1) {
    const start = performance.now();
    const response = await save(method, sample, aloneEtag, (method === 'PUT' ? wholeBody : deltaBody)(0, i))();
    aloneEtag = ((await response.json()) as { etag: string }).etag;
    results.push({ ms: performance.now() - start, status: response.status });
  }
  return results;
};

/**
 * Every editor opens its copy (the page reads it) before anyone saves: opening is the GET row's figure, and is not
 * counted in the saves' times or CPU. The autosave goes 1.2 s after the last keystroke (AUTOSAVE_DELAY_MS), so no
 * save comes sooner after opening.
 */
const openCopies = async (): Promise<Timed[]> => {
  await Promise.all(ids.map(async (id) => (await fetch(url(id))).arrayBuffer()));
  await new Promise((resolve) => setTimeout(resolve, 1200));
  return [];
};

/** Every client saving its own copy of the sample, one save after another (the bench puts the copies back after). */
const saveOwnCopies = async (method: 'PUT' | 'PATCH'): Promise<Timed[]> => {
  const ownEtags = new Map(ids.map((id) => [id, etag]));
  return underLoad(async (index) => {
    const id = ids[index]!;
    const mine: Timed[] = [];
    for (let i = 0; i < requests; i += 1) {
      const start = performance.now();
      const response = await save(method, id, ownEtags.get(id)!, (method === 'PUT' ? wholeBody : deltaBody)(index + 1, i))();
      ownEtags.set(id, ((await response.json()) as { etag: string }).etag);
      mine.push({ ms: performance.now() - start, status: response.status });
    }
    return mine;
  });
};

const run = async (command: ClientsCommand): Promise<Timed[]> => {
  switch (command.kind) {
    case 'gets':
      return underLoad(async () => {
        const results: Timed[] = [];
        for (let i = 0; i < requests; i += 1) results.push(await timed(() => fetch(url(sample))));
        return results;
      });
    case 'alone':
      return saveAlone(command.method, command.saves);
    case 'openCopies':
      return openCopies();
    case 'ownCopies':
      return saveOwnCopies(command.method);
    case 'contended':
      // One assessment, one writer at a time: the per-id lock queues the saves; all but the first see a new version.
      return underLoad(async (index) => [await timed(save('PUT', sample, aloneEtag, wholeBody(index, 0)))]);
  }
};

parentPort!.on('message', (command: ClientsCommand) => {
  void run(command).then(
    (results) => parentPort!.postMessage(results),
    (error: unknown) => parentPort!.postMessage({ error: String(error) }),
  );
});
parentPort!.postMessage('ready');
