/**
 * Password hashing with scrypt from node:crypto: no native add-on to build or download (argon2 would need one per
 * platform), and memory-hard. N=2^15, r=8, p=3 is one of OWASP's scrypt settings and needs 32 MiB per hash, so 20
 * logins at once stay within a small server. The parameters are stored with the hash, so they can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { TEAM_MESSAGES_JA } from './messages.ja.js';

export type ScryptCost = { readonly N: number; readonly r: number; readonly p: number };

/** The cost every password of the product is hashed with (createUser, setPassword, the unknown-login dummy). */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * scrypt runs on libuv's thread pool, which file reads and writes share (4 threads by default): twenty logins at
 * once would hold every thread and stall saves and reads of other users. At most two hashes run at a time; further
 * logins wait their turn.
 */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: Array<() => void> = [];
const turn = async <T>(work: () => Promise<T>): Promise<T> => {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
};

const derive = (password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> =>
  turn(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );

/** Refuses what no policy would accept, in Japanese; a password is counted in characters, not bytes. */
export const checkPasswordPolicy = (password: string): void => {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw new AppError('INVALID_REQUEST', fillMessage(TEAM_MESSAGES_JA.passwordTooShort, { min: MIN_PASSWORD_LENGTH }));
  if (length > MAX_PASSWORD_LENGTH)
    throw new AppError('INVALID_REQUEST', fillMessage(TEAM_MESSAGES_JA.passwordTooLong, { max: MAX_PASSWORD_LENGTH }));
};

/**
 * `cost` is for test fixtures only, which store accounts with a cheap hash so that each login of a test does not
 * spend a strong hash's CPU; verifyPassword reads the cost from the stored hash. The product never passes it.
 */
export const hashPassword = async (password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, KEY_BYTES);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
};

/**
 * Compared against when the login name is unknown, so an unknown name costs as long as a wrong password and the
 * answer time does not tell which one was wrong.
 */
let dummyHash: Promise<string> | undefined;
export const verifyAgainstNothing = async (password: string): Promise<false> => {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
};
