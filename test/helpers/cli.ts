// Running stet in tests: in-process through main() (fast, output captured), or as a real
// process through bin/stet.js (exit codes, signals, kill -9, concurrency). The process form needs the
// build in dist/, which `npm test` makes first.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { PROJECT_ROOT } from './corpus.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  readonly stdin?: string | Uint8Array;
  readonly env?: NodeJS.ProcessEnv;
  readonly isTTY?: boolean;
}

export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(args, {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.env ?? process.env,
    isTTY: options.isTTY ?? false,
    cwd: options.cwd ?? process.cwd(),
  });
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

export const STET_BIN = join(PROJECT_ROOT, 'bin', 'stet.js');

/** A run that has not finished after this long is killed and reported as hung. */
export const RUN_LIMIT_MS = 120_000;
export interface StetRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr split into lines, blank lines dropped. */
  readonly lines: readonly string[];
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly stdin?: string | Uint8Array;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the process (SIGKILL) after this long: a hang guard, not a speed assertion. */
  readonly limitMs?: number;
}

/** A started stet process: `done` resolves when it exits; `child` allows kill -9. */
export interface StetProcess {
  readonly child: ChildProcess;
  readonly done: Promise<StetRun>;
  /** Resolves when stdout or stderr has printed a line matching `pattern`. */
  waitForLine(pattern: RegExp): Promise<string>;
}

export function startStet(args: readonly string[], options: SpawnOptions = {}): StetProcess {
  const child = spawn(process.execPath, [STET_BIN, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const notify = (): void => {
    for (const watcher of [...watchers]) {
      const line = splitLines(`${stdout}\n${stderr}`).find((l) => watcher.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    notify();
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? RUN_LIMIT_MS);
  const done = new Promise<StetRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, lines: splitLines(`${stdout}\n${stderr}`) });
    });
  });
  child.stdin?.end(options.stdin ?? '');
  return {
    child,
    done,
    waitForLine: (pattern) =>
      new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        notify();
        done.then(() => reject(new Error(`stet exited before printing ${pattern}`)), reject);
      }),
  };
}

export function stet(args: readonly string[], options: SpawnOptions = {}): Promise<StetRun> {
  return startStet(args, options).done;
}

export function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
