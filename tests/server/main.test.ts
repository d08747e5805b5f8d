import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import { ROOT, makeTempDir } from '../helpers/seeds.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

type Started = { child: ChildProcessWithoutNullStreams; url: string; output: () => string };

/** Spawn a server process on an empty data folder and wait for the URL it prints. */
const startServer = async (command: string, args: string[], dir: string): Promise<Started> => {
  const child = spawn(command, [...args, '--port', '0', '--data', dir], {
    cwd: ROOT,
    env: { ...process.env, PIA_LOG_LEVEL: 'silent' },
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /http:\/\/localhost:\d+\//.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${output}`)));
  });
  return { child, url, output: () => output };
};

const stop = async ({ child }: Started): Promise<number> => {
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number];
  return code;
};

describe('src/main.ts', () => {
  it('prints its URL, serves the API on the given data folder, and stops cleanly on SIGTERM', async () => {
    const { dir, cleanup } = await makeTempDir();
    const server = await startServer(TSX, ['src/main.ts'], dir);
    try {
      expect(server.output()).toContain(`評価書エディタを起動しました: ${server.url}　（評価書フォルダ: ${dir}）`);
      const response = await fetch(`${server.url}api/assessments`);
      expect(await response.json()).toEqual({ items: [] });
      expect(await stop(server)).toBe(0);
      expect(server.output()).toContain('評価書エディタを終了しました。');
    } finally {
      server.child.kill();
      await cleanup();
    }
  });

  it('refuses a bad flag in Japanese with exit code 2', async () => {
    const child = spawn(TSX, ['src/main.ts', '--port', 'abc'], { cwd: ROOT });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(errors).toContain('ポート番号「abc」は使えません。0〜65535 の整数を指定してください。');
  });
});

describe('npm start (scripts/start.mjs)', () => {
  it('runs the server bundle and serves the built UI and the API, building nothing when nothing changed', async () => {
    await ensureBuilt(); // what `npm install` did (its prepare script), unless a source changed since
    const { dir, cleanup } = await makeTempDir();
    const server = await startServer(process.execPath, ['scripts/start.mjs'], dir);
    try {
      expect(server.output()).not.toContain('組み立て直しています');
      const page = await fetch(server.url);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain('<pia-app></pia-app>');
      expect(await (await fetch(`${server.url}api/assessments`)).json()).toEqual({ items: [] });
      expect(await stop(server)).toBe(0);
    } finally {
      server.child.kill();
      await cleanup();
    }
  }, 180_000);
});
