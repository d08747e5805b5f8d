import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isAppError } from '../../src/errors.js';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error.messageJa;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('loadConfig', () => {
  it('defaults to loopback port 3000 on ./assessments', () => {
    expect(loadConfig([], {})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('assessments'),
      logLevel: 'warn',
    });
    expect(loadConfig([], {}).uiDir).toMatch(/[\\/]ui[\\/]dist$/);
  });

  it('reads PORT, PIA_DATA_DIR and PIA_LOG_LEVEL, and flags win over them', () => {
    const env = { PORT: '4000', PIA_DATA_DIR: '/srv/pia', PIA_LOG_LEVEL: 'info' };
    expect(loadConfig([], env)).toMatchObject({ port: 4000, dataDir: '/srv/pia', logLevel: 'info' });
    expect(loadConfig(['--port', '5000', '--data=/data/hyokasho'], env)).toMatchObject({
      port: 5000,
      dataDir: '/data/hyokasho',
    });
  });

  it.each([
    [['--port', 'abc'], 'ポート番号「abc」は使えません。0〜65535 の整数を指定してください。'],
    [['--port', '70000'], 'ポート番号「70000」は使えません。0〜65535 の整数を指定してください。'],
    [['--data'], '「--data」の後に値を指定してください。'],
    [
      ['--verbose'],
      '「--verbose」という指定はありません。使える指定: --port <番号>、--data <評価書フォルダ>、--host <アドレス>、--server-name <名前,…>、--login',
    ],
  ])('refuses %j in Japanese', (argv, message) => {
    expect(messageOf(() => loadConfig(argv, {}))).toBe(message);
  });

  it('refuses an unknown log level', () => {
    expect(messageOf(() => loadConfig([], { PIA_LOG_LEVEL: 'loud' }))).toBe(
      'ログの詳しさ「loud」は使えません。fatal / error / warn / info / debug / trace / silent のいずれかを指定してください。',
    );
  });
});
