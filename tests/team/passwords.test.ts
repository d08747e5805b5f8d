/**
 * The product hashes every password at the strong cost; test fixtures may store cheaper hashes
 * (tests/helpers/passwords.ts), which verify at the cost stored with them.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD_COST, hashPassword, verifyAgainstNothing, verifyPassword } from '../../src/team/passwords.js';
import { fixturePasswordHash } from '../helpers/passwords.js';

const PASSWORD = 'correct horse battery';

describe('password hashes', () => {
  it('are made at the strong cost (N=2^15, r=8, p=3) unless a fixture asks otherwise, and verify', async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 15, r: 8, p: 3 });
    const strong = await hashPassword(PASSWORD);
    expect(strong).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, strong)).toBe(true);
    expect(await verifyPassword('wrong password!', strong)).toBe(false);
  });

  it('of fixtures verify at the cost stored with them', async () => {
    const cheap = await fixturePasswordHash(PASSWORD);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, cheap)).toBe(true);
    expect(await verifyPassword('wrong password!', cheap)).toBe(false);
  });

  it('refuse an unknown login after the same work as a wrong password', async () => {
    expect(await verifyAgainstNothing(PASSWORD)).toBe(false);
  });
});
