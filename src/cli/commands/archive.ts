// `stet archive`: extract each input and commit it to the archive, one status line per input.
import { join, resolve } from 'node:path';
import { storeRevision } from '../../archive/store.js';
import { loadConfig } from '../../config.js';
import { StetError } from '../../errors.js';
import { articleIdentity, extractInput } from '../../pipeline.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import {
  describeError,
  EXIT_OK,
  EXIT_SOME_FAILED,
  exitCodeForError,
  type InputStatus,
  statusLine,
  subjectOf,
} from '../report.js';

export interface ArchiveOptions {
  readonly archive: string;
  readonly url?: string;
  readonly commit: boolean;
  readonly json?: boolean;
  readonly minChange?: number;
  readonly acceptSuspect?: boolean;
  readonly config?: string;
  readonly timeout?: number;
}

interface ArchiveResult {
  readonly input: string;
  readonly url?: string;
  readonly path?: string;
  readonly status: InputStatus;
  readonly error?: string;
}

export async function run(inputs: string[], options: ArchiveOptions, io: CliIO): Promise<number> {
  let profiles: Awaited<ReturnType<typeof loadConfig>>['sites'];
  try {
    profiles = (await loadConfig(options.config, io.cwd)).sites;
  } catch (error) {
    writeLine(io.stderr, statusLine('failed', subjectOf(error, 'config'), describeError(error)));
    return exitCodeForError(error);
  }
  const archiveDir = resolve(io.cwd, options.archive);
  const results: ArchiveResult[] = [];
  for (const input of inputs) {
    const result = await archiveOne(input, archiveDir, options, profiles, io);
    results.push(result);
    if (!options.json) {
      const subject = result.path ?? result.url ?? input;
      const line = statusLine(result.status, subject, result.error);
      writeLine(result.status === 'failed' ? io.stderr : io.stdout, line);
    }
  }
  if (options.json) writeLine(io.stdout, JSON.stringify(results, null, 2));
  const allArchived = results.every((r) => r.status !== 'failed' && r.status !== 'suspect');
  return allArchived ? EXIT_OK : EXIT_SOME_FAILED;
}

async function archiveOne(
  input: string,
  archiveDir: string,
  options: ArchiveOptions,
  profiles: Awaited<ReturnType<typeof loadConfig>>['sites'],
  io: CliIO,
): Promise<ArchiveResult> {
  let url: string | undefined;
  try {
    const extraction = await extractInput(input, {
      profiles,
      stdin: io.stdin,
      ...(options.url !== undefined && { url: options.url }),
      ...(options.timeout !== undefined && { fetch: { timeoutMs: options.timeout } }),
    });
    const identity = articleIdentity(extraction);
    if (identity === null) {
      throw new StetError(
        'input.invalid',
        input,
        'standard input has no URL: pass --url, or give the page a canonical URL',
      );
    }
    url = identity;
    const stored = await storeRevision(archiveDir, extraction.document, {
      identity,
      commit: options.commit,
      ...(options.minChange !== undefined && { minChange: options.minChange }),
      ...(options.acceptSuspect === true && { acceptSuspect: true }),
    });
    const path = join(options.archive, stored.path);
    return {
      input,
      url,
      path,
      status: stored.status,
      ...(stored.reason !== undefined && { error: stored.reason }),
    };
  } catch (error) {
    return {
      input,
      ...(url !== undefined && { url }),
      status: 'failed',
      error: describeError(error),
    };
  }
}
