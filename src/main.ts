/** `npm start`: the web editor on loopback, on the bundled assessments unless told otherwise. */
import { loadConfig, type Config } from './config.js';
import { isAppError } from './errors.js';
import { API_MESSAGES_JA, fillMessage } from './messages.ja.js';
import { buildServer, openTeamServer } from './server/app.js';

const start = async (config: Config): Promise<void> => {
  const team = await openTeamServer(config);
  const app = buildServer(config, { team: team.options });
  app.addHook('onClose', team.close);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(fillMessage(API_MESSAGES_JA.portInUse, { port: config.port }));
    process.exitCode = 1;
    return;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(fillMessage(API_MESSAGES_JA.started, { url: `http://localhost:${port}/`, dataDir: config.dataDir }));
  const stop = (): void => {
    // close() lets requests in flight finish, so a save that has started is written completely.
    void app.close().then(() => console.log(API_MESSAGES_JA.stopped));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

try {
  await start(loadConfig());
} catch (error) {
  if (!isAppError(error)) throw error;
  console.error(error.messageJa);
  process.exitCode = 2;
}
