#!/usr/bin/env node
/**
 * `npm start`: builds the UI or the server bundle only if its sources changed since the last build (normally
 * `npm install` built both), then runs the server bundle in this process. Flags pass through (`npm start -- --port 8080`).
 */
import { pathToFileURL } from 'node:url';
import { SERVER_ENTRY, ensureBuilt } from './build.mjs';

const WHAT = { ui: '画面（ui/）', server: 'サーバー（src/）' };

await ensureBuilt(['ui', 'server'], { log: (name) => console.log(`${WHAT[name]}のソースが変わったため組み立て直しています…`) });
await import(pathToFileURL(SERVER_ENTRY).href);
