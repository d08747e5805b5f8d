/**
 * What `npm start` needs before it listens: the team options from the configuration. Listening beyond loopback
 * requires login; login requires the team database and an active 管理者 (created with `pia user add`, so no
 * default password ever exists). In single-user mode the database opens on first use.
 */
import { networkInterfaces, hostname } from 'node:os';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import { TEAM_MESSAGES_JA, countActiveAdmins, lazyDb, openTeamDb, type Db } from '../../team/index.js';
import type { TeamServerOptions } from './context.js';

export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

const bracketed = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * The names the Host header may carry: those configured, the listening address itself, and, when listening on
 * every interface, this machine's name and addresses (what colleagues type). Any other name is refused.
 */
export const hostNamesFor = (host: string, configured: readonly string[]): string[] => {
  if (isLoopbackHost(host)) return [...configured];
  if (!WILDCARDS.has(host)) return [...configured, bracketed(host)];
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal)
    .map((info) => bracketed(info!.address.replace(/%.*$/, '')));
  return [...configured, hostname().toLowerCase(), ...addresses];
};

export type TeamStartup = { readonly options: TeamServerOptions; readonly close: () => Promise<void> };

export const openTeamServer = async (
  config: Pick<Config, 'host' | 'login' | 'serverNames' | 'databaseUrl' | 'dataDir'>,
): Promise<TeamStartup> => {
  if (!config.login && !isLoopbackHost(config.host))
    throw new AppError('INVALID_CONFIG', fillMessage(TEAM_MESSAGES_JA.hostRequiresLogin, { host: config.host }));
  const serverNames = hostNamesFor(config.host, config.serverNames);
  const location = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  let db: Db;
  if (config.login) {
    db = await openTeamDb(location);
    if ((await countActiveAdmins(db)) === 0) {
      await db.close();
      throw new AppError('INVALID_CONFIG', TEAM_MESSAGES_JA.noAdministrator);
    }
  } else {
    db = lazyDb(() => openTeamDb(location));
  }
  return { options: { db, login: config.login, serverNames }, close: () => db.close() };
};
