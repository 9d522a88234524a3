// The streams and environment a command talks to, passed in so tests can run commands
// in-process and read what they printed.
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour, progress bars). */
  readonly isTTY: boolean;
  readonly cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
  };
}

export function writeLine(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}
