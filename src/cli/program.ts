// Every command and option of stet, defined once. Command modules (and with them jsdom) are
// imported only when their command runs, so `stet --help` starts fast.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIO } from './io.js';

const DEFAULT_ARCHIVE_DIR = 'archive';
const DEFAULT_SOURCES_FILE = 'archive/sources.yml';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Builds the program; each action stores its exit code in `result.exitCode`. */
export function buildProgram(io: CliIO, result: { exitCode: number }): Command {
  const program = new Command('stet')
    .description(
      'Archive web articles as clean Markdown with front-matter in a git-versioned archive.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  program
    .command('archive')
    .description('fetch or read pages, extract the article and commit it to the archive')
    .argument('<input...>', 'http(s) URL, .html/.htm file (optionally .gz), or - for stdin')
    .option('--archive <dir>', 'archive directory (git-initialised if needed)', DEFAULT_ARCHIVE_DIR)
    .option('--url <url>', "the page's original URL, for a file or stdin input", parseHttpUrl)
    .option('--no-commit', 'write the files but make no git commit')
    .option('--json', 'print a JSON array of results instead of lines')
    .option('--min-change <words>', 'ignore changes smaller than this many words', parseCount)
    .option('--accept-suspect', 'commit captures that look broken (lost text, error pages)')
    .option('--config <file>', 'config file with site profiles (default: ./stet.config.json)')
    .option('--timeout <ms>', 'network timeout per page in milliseconds', parseCount)
    .action(async (inputs: string[], options) => {
      const { run } = await import('./commands/archive.js');
      result.exitCode = await run(inputs, options, io);
    });

  program
    .command('extract')
    .description('extract articles without git: print them or write one file per input')
    .argument('<input...>', 'http(s) URL, .html/.htm file (optionally .gz), or - for stdin')
    .option(
      '--url <url>',
      "the page's original URL, for a single file or stdin input",
      parseHttpUrl,
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['md', 'json', 'text'])
        .default('md'),
    )
    .option('--out-dir <dir>', 'write one file per input into this directory')
    .option(
      '--debug',
      'list on stderr what each cleaning rule removed and every metadata candidate',
    )
    .option('--no-clean', 'skip the cleaning rules (bare Readability)')
    .option('--config <file>', 'config file with site profiles (default: ./stet.config.json)')
    .option('--timeout <ms>', 'network timeout per page in milliseconds', parseCount)
    .option('--threads <n>', 'worker threads for many inputs (default: one per core)', parseCount)
    .action(async (inputs: string[], options) => {
      const { run } = await import('./commands/extract.js');
      result.exitCode = await run(inputs, options, io);
    });

  program
    .command('log')
    .description("an article's revisions, newest first, with words added and removed")
    .argument('<target>', 'the article URL, or the path of its archive file')
    .option('--archive <dir>', 'archive directory', DEFAULT_ARCHIVE_DIR)
    .option('--json', 'print JSON instead of a table')
    .action(async (target: string, options) => {
      const { run } = await import('./commands/log.js');
      result.exitCode = await run({ target }, options, io);
    });

  program
    .command('diff')
    .description('word-level changes between two revisions of an article (default: the last two)')
    .argument('<target>', 'the article URL, or the path of its archive file')
    .argument(
      '[revisions...]',
      'up to two revisions: commit id, index from `stet log` (1 = newest), or a date',
    )
    .option('--archive <dir>', 'archive directory', DEFAULT_ARCHIVE_DIR)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['terminal', 'markdown', 'html', 'json'])
        .default('terminal'),
    )
    .option('--output <file>', 'write the diff to this file instead of stdout')
    .action(async (target: string, revisions: string[], options) => {
      const { run } = await import('./commands/diff.js');
      result.exitCode = await run({ target, revisions }, options, io);
    });

  program
    .command('list')
    .description('query the archive by front-matter')
    .option('--archive <dir>', 'archive directory', DEFAULT_ARCHIVE_DIR)
    .option('--author <name>', 'author contains this text (case-insensitive)')
    .option('--region <region>', 'region contains this text')
    .option('--theme <theme>', 'theme contains this text')
    .option('--site <site>', 'site name or host contains this text')
    .option('--since <date>', 'published (or captured) on or after this date, YYYY-MM-DD')
    .option('--json', 'print JSON instead of lines')
    .action(async (options) => {
      const { run } = await import('./commands/list.js');
      result.exitCode = await run({}, options, io);
    });

  program
    .command('capture')
    .description('capture every source (URLs, feeds, sitemaps) politely into the archive')
    .option('--sources <file>', 'sources file (YAML)', DEFAULT_SOURCES_FILE)
    .option('--archive <dir>', 'archive directory', DEFAULT_ARCHIVE_DIR)
    .option('--concurrency <n>', 'parallel requests per host', parseCount)
    .option('--delay <ms>', 'pause between requests to one host, in milliseconds', parseCount)
    .option('--shard <k/n>', 'capture only shard K of N (stable by URL hash)')
    .option('--report <file>', 'write a JSON report here, and a Markdown table beside it')
    .option('--push', 'pull --rebase and push the commits, with retries')
    .option(
      '--dry-run',
      'list the pages that would be captured (reads robots.txt, feeds, sitemaps; fetches no page)',
    )
    .option('--timeout <ms>', 'network timeout per request in milliseconds', parseCount)
    .option('--config <file>', 'config file with site profiles (default: ./stet.config.json)')
    .action(async (options) => {
      const { run } = await import('./commands/capture.js');
      result.exitCode = await run(options, io);
    });

  return program;
}

export { DEFAULT_ARCHIVE_DIR, DEFAULT_SOURCES_FILE };

function parseCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a whole number of 0 or more');
  }
  return parsed;
}

function parseHttpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`only http and https URLs are accepted: ${value}`);
  }
  return url.href;
}
