import { hashPassword } from '../../src/team/passwords.js';

/**
 * The stored hash of the accounts test fixtures insert: scrypt at a cost far below the product's, so that each login
 * of a test (which verifies at the cost stored with the hash) takes milliseconds, not a strong hash's CPU.
 * tests/team/passwords.test.ts proves that every hash the product makes uses the strong cost.
 */
export const fixturePasswordHash = (password: string): Promise<string> => hashPassword(password, { N: 2 ** 10, r: 8, p: 1 });
