// `stet extract`: the archive's output without git, to stdout or one file per input.
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeAtomically } from '../../archive/store.js';
import { loadConfig } from '../../config.js';
import { serializeDocument } from '../../document/frontmatter.js';
import { extractInputs } from '../../parallel/pool.js';
import type { Extraction } from '../../types.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import {
  describeError,
  EXIT_OK,
  EXIT_SOME_FAILED,
  exitCodeForError,
  statusLine,
} from '../report.js';

export type ExtractFormat = 'md' | 'json' | 'text';

export interface ExtractCommandOptions {
  readonly url?: string;
  readonly format: ExtractFormat;
  readonly outDir?: string;
  readonly debug?: boolean;
  readonly clean: boolean;
  readonly config?: string;
  readonly timeout?: number;
  readonly threads?: number;
}

export async function run(
  inputs: string[],
  options: ExtractCommandOptions,
  io: CliIO,
): Promise<number> {
  let profiles: Awaited<ReturnType<typeof loadConfig>>['sites'];
  try {
    profiles = (await loadConfig(options.config, io.cwd)).sites;
  } catch (error) {
    writeLine(io.stderr, statusLine('failed', options.config ?? 'config', describeError(error)));
    return exitCodeForError(error);
  }
  const outDir = options.outDir === undefined ? undefined : resolve(io.cwd, options.outDir);
  if (outDir !== undefined) await mkdir(outDir, { recursive: true });
  const outputNames = new OutputNames();
  // A batch spreads pages over worker threads; one page is not worth a worker's start-up.
  const pool =
    options.threads === undefined && inputs.length === 1
      ? { inCallingThread: true }
      : { threads: options.threads ?? availableParallelism() };
  const outcomes = extractInputs(
    inputs.map((input) => resolveLocal(input, io.cwd)),
    {
      profiles,
      stdin: io.stdin,
      clean: options.clean,
      ...(options.url !== undefined && { url: options.url }),
      ...(options.timeout !== undefined && { fetch: { timeoutMs: options.timeout } }),
    },
    pool,
  );
  let failures = 0;
  for await (const outcome of outcomes) {
    const input = inputs[outcome.index] ?? outcome.input;
    try {
      if ('error' in outcome) throw outcome.error;
      const { extraction } = outcome;
      if (options.debug) writeDebug(extraction, io);
      const output = render(extraction, options.format);
      if (outDir === undefined) {
        io.stdout.write(output);
      } else {
        const file = join(outDir, outputNames.next(input, options.format));
        await writeAtomically(file, output);
        writeLine(io.stdout, `extracted  ${input}  ${file}`);
      }
    } catch (error) {
      failures += 1;
      writeLine(io.stderr, statusLine('failed', input, describeError(error)));
    }
  }
  return failures === 0 ? EXIT_OK : EXIT_SOME_FAILED;
}

/** The three output formats; `md` is byte for byte the file `archive` writes. */
export function render(extraction: Extraction, format: ExtractFormat): string {
  const { document } = extraction;
  switch (format) {
    case 'md':
      return serializeDocument(document);
    case 'json':
      return `${JSON.stringify(
        { metadata: document.metadata, markdown: document.markdown, text: document.text },
        null,
        2,
      )}\n`;
    case 'text':
      return document.text.endsWith('\n') ? document.text : `${document.text}\n`;
  }
}

function writeDebug(extraction: Extraction, io: CliIO): void {
  const { input, removals, candidates, document, method } = extraction;
  writeLine(io.stderr, `# ${input}: article by ${method}, ${removals.length} removal(s)`);
  for (const removal of removals) {
    writeLine(io.stderr, `removed [${removal.ruleId}] ${removal.snippet}  (${removal.reason})`);
  }
  const chosen: Readonly<Record<string, unknown>> = { ...document.metadata };
  for (const candidate of candidates) {
    const value = chosen[candidate.field];
    const won = Array.isArray(value) ? value.includes(candidate.value) : value === candidate.value;
    writeLine(
      io.stderr,
      `metadata ${won ? '*' : ' '} ${candidate.field} = ${JSON.stringify(candidate.value)}  (${candidate.source})`,
    );
  }
}

/** Relative file inputs are taken from the command's working directory; URLs and - pass through. */
function resolveLocal(input: string, cwd: string): string {
  return input === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : resolve(cwd, input);
}

/**
 * Output file names: the input's base name with its extensions replaced
 * (`page.html.gz` → `page.json`); a repeated name gets `-2`, `-3`… so no input overwrites another.
 */
class OutputNames {
  private readonly used = new Set<string>();

  next(input: string, format: ExtractFormat): string {
    const stem = inputStem(input);
    let name = `${stem}.${format}`;
    for (let n = 2; this.used.has(name); n += 1) name = `${stem}-${n}.${format}`;
    this.used.add(name);
    return name;
  }
}

function inputStem(input: string): string {
  if (input === '-') return 'stdin';
  let name = input;
  if (/^https?:\/\//i.test(input)) {
    const url = new URL(input);
    name = url.pathname.split('/').filter(Boolean).pop() ?? url.hostname;
  }
  const stem = basename(name)
    .replace(/(\.(html?|gz))+$/i, '')
    .replace(/[^\w.-]+/g, '-');
  return stem === '' ? 'page' : stem;
}
