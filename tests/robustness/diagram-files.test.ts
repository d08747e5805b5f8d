/**
 * 事務の内容 diagrams are files an assessment names beside it: only regular image files inside its folder are read,
 * only up to a size, and only what pdfkit can draw reaches it. Anything else is a 422 naming the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, readImages } from '../../src/store/index.js';
import type { AssessmentResponse } from '../../src/server/dto.js';
import { BROKEN_IMAGES, rgbaPng } from '../../stress/hostile/png.js';
import { expectAppError } from '../helpers/app-error.js';
import { ID_001, buildTestServer, type TestServer } from '../server/helpers.js';

let server: TestServer;
let folder: string;
beforeEach(async () => {
  server = await buildTestServer();
  folder = path.join(server.dataDir, ID_001);
});
afterEach(() => server.cleanup());

/** Names `file` as the draft's one diagram, saves, and asks for the PDF. */
const pdfWithDiagram = async (file: string) => {
  const url = `/api/assessments/${ID_001}`;
  const { data, etag } = (await server.app.inject({ method: 'GET', url })).json<AssessmentResponse>();
  (data['businessAnnex'] as Record<string, unknown>)['diagrams'] = [{ file, caption: '事務の流れ' }];
  const saved = await server.app.inject({ method: 'PUT', url, headers: { 'if-match': `"${etag}"` }, payload: { data } });
  expect(saved.statusCode).toBe(200);
  return server.app.inject({ method: 'GET', url: `${url}/pdf` });
};

/** Settles within `ms` or fails: a read that never ends must fail the test, not hang it. */
const within = <T>(promise: Promise<T>, ms = 10_000): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('diagram files that are not what they claim', () => {
  it('a real picture is printed (the control case)', async () => {
    await writeFile(path.join(folder, 'flow.png'), rgbaPng(40, 30));
    const response = await pdfWithDiagram('flow.png');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
  });

  it('a link out of the assessment folder is refused like a missing file: its bytes never reach the PDF', async () => {
    await writeFile(path.join(server.root, 'secret.png'), rgbaPng(4, 4));
    await symlink(path.join(server.root, 'secret.png'), path.join(folder, 'secret.png'));
    const response = await pdfWithDiagram('secret.png');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMAGE_NOT_FOUND', message: '図の画像ファイルが評価書のフォルダにありません: secret.png' });
  });

  it('a link to /dev/zero is refused without reading it', async () => {
    await symlink('/dev/zero', path.join(folder, 'zero.png'));
    const error = await expectAppError(within(readImages(path.join(folder, 'assessment.yaml'), ['zero.png'])));
    expect(error.code).toBe('IMAGE_NOT_FOUND');
  });

  it('a FIFO is refused at once instead of hanging the server', async () => {
    execFileSync('mkfifo', [path.join(folder, 'pipe.png')]);
    const response = await within(pdfWithDiagram('pipe.png'));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringContaining('「pipe.png」は通常のファイルではありません') });
  });

  it('a folder is refused the same way', async () => {
    await mkdir(path.join(folder, 'dir.png'));
    const response = await pdfWithDiagram('dir.png');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMAGE_INVALID' });
  });

  it('a file larger than any diagram is refused before it is read', async () => {
    await writeFile(path.join(folder, 'huge.png'), rgbaPng(4, 4));
    await truncate(path.join(folder, 'huge.png'), MAX_IMAGE_BYTES + 1);
    const response = await pdfWithDiagram('huge.png');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringContaining('「huge.png」は大きすぎます') });
  });

  it.each(Object.keys(BROKEN_IMAGES))('%s: 422 naming the file, never a 500 or a crash of the server process', async (name) => {
    await writeFile(path.join(folder, name), BROKEN_IMAGES[name]!);
    const response = await within(pdfWithDiagram(name));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringContaining(`図の画像ファイル「${name}」を PDF に入れられません`) });
  });
});
