/**
 * Reads a password for `pia user add|passwd`: from the terminal without echo (asked twice), or one line from
 * standard input when it is not a terminal (scripts: `printf '%s\n' "$PW" | pia user add …`). Never from an
 * argument, which would stay in the shell history and the process list.
 */
import { createInterface } from 'node:readline';

export type PasswordReader = (prompt: string) => Promise<string>;

const readHidden = (prompt: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const input = process.stdin;
    let value = '';
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error): void => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new Error('interrupted'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });

let stdinLines: AsyncIterator<string> | undefined;
const readLine = async (): Promise<string> => {
  stdinLines ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = await stdinLines.next();
  return next.done ? '' : next.value;
};

export const readPassword: PasswordReader = (prompt) => (process.stdin.isTTY ? readHidden(prompt) : readLine());

/** In a terminal the password is typed twice; from a pipe, once. */
export const isInteractive = (): boolean => process.stdin.isTTY === true;
