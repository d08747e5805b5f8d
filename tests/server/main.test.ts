import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, makeTempDir } from '../helpers/seeds.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

describe('src/main.ts', () => {
  it('prints its URL, serves the API on the given data folder, and stops cleanly on SIGTERM', async () => {
    const { dir, cleanup } = await makeTempDir();
    const child = spawn(TSX, ['src/main.ts', '--port', '0', '--data', dir], {
      cwd: ROOT,
      env: { ...process.env, PIA_LOG_LEVEL: 'silent' },
    });
    try {
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
      expect(output).toContain(`評価書エディタを起動しました: ${url}　（評価書フォルダ: ${dir}）`);
      const response = await fetch(`${url}api/assessments`);
      expect(await response.json()).toEqual({ items: [] });
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output).toContain('評価書エディタを終了しました。');
    } finally {
      child.kill();
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
