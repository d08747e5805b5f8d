/** The server under attack, in a process of its own: `tsx api-server.mts <dataDir>` prints `listening on <port>`. */
import path from 'node:path';
import { buildServer } from '../../src/server/app.js';
import { SERVER_NAMES } from './api-cases.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const app = buildServer(
  { dataDir: process.argv[2]!, uiDir: path.join(root, 'ui', 'dist'), templatesDir: path.join(root, 'templates'), logLevel: 'silent' },
  { team: { login: false, serverNames: SERVER_NAMES } },
);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${new URL(address).port}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
