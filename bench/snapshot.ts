// A fingerprint of stet's output on every corpus page, for refactors that must not change it.
//
//   npm run bench:snapshot -- out.tsv             writes one line per page: id, sha256, method
//   npm run bench:snapshot -- out.tsv --compare before.tsv
//                                                  also lists every page whose output differs
//
// The hash covers the Markdown, the plain text, the front-matter (less the capture time) and
// the removals, so any change a user could see moves it. Exit 1 when --compare finds a change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { savedPage } from '../src/fetch/input.js';
import { extractPage } from '../src/pipeline.js';

const CORPUS_DIR = resolve(process.cwd(), '../shared/corpus');
const FIXED_TIME = new Date('2020-01-01T00:00:00Z');
/** The URL Readability's own test suite gives its pages. */
const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';

interface CorpusPage {
  readonly id: string;
  readonly path: string;
  readonly url: string;
}

function corpusPages(): CorpusPage[] {
  const truth = JSON.parse(
    readFileSync(join(CORPUS_DIR, 'zyte', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { url: string }>;
  const zyte = Object.entries(truth).map(([id, { url }]) => ({
    id: `zyte/${id}`,
    path: join(CORPUS_DIR, 'zyte', 'html', `${id}.html.gz`),
    url,
  }));
  const pagesDir = join(CORPUS_DIR, 'readability', 'pages');
  const readability = readdirSync(pagesDir).map((name) => ({
    id: `readability/${name}`,
    path: join(pagesDir, name, 'source.html.gz'),
    url: READABILITY_PAGE_URL,
  }));
  return [...zyte, ...readability].sort((a, b) => a.id.localeCompare(b.id));
}

function fingerprint(page: CorpusPage): { hash: string; method: string } {
  try {
    const extraction = extractPage(
      savedPage(page.path, page.url, gunzipSync(readFileSync(page.path)), FIXED_TIME),
      { url: page.url },
    );
    const { captured: _captured, ...metadata } = extraction.document.metadata;
    const hash = createHash('sha256')
      .update(
        JSON.stringify([
          extraction.document.markdown,
          extraction.document.text,
          metadata,
          extraction.removals,
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    return { hash, method: extraction.method };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { hash: `error:${message.replace(/\s+/g, ' ')}`, method: '-' };
  }
}

function main(): void {
  const [output, flag, before] = process.argv.slice(2);
  if (output === undefined || (flag !== undefined && (flag !== '--compare' || !before))) {
    process.stderr.write('usage: snapshot OUT.tsv [--compare BEFORE.tsv]\n');
    process.exit(2);
  }
  const lines = corpusPages().map((page) => {
    const { hash, method } = fingerprint(page);
    return `${page.id}\t${hash}\t${method}`;
  });
  writeFileSync(output, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} pages fingerprinted into ${output}\n`);
  if (before === undefined) return;
  const previous = new Map(
    readFileSync(before, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [id = '', hash = ''] = line.split('\t');
        return [id, hash] as const;
      }),
  );
  const changed = lines
    .map((line) => line.split('\t'))
    .filter(([id = '', hash]) => previous.get(id) !== hash)
    .map(([id]) => id);
  process.stdout.write(
    changed.length === 0
      ? `identical to ${before} on all ${lines.length} pages\n`
      : `${changed.length} pages differ from ${before}:\n${changed.join('\n')}\n`,
  );
  if (changed.length > 0) process.exitCode = 1;
}

main();
