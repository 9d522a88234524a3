// Encodings and awkward content, through the real CLI. One `stet extract --format json` run
// takes every page (one output file each); `stet archive` checks what only the archive shows:
// the front-matter of a file, and a stub page served where a good article used to be.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, removeDir } from '../helpers/repo.js';
import {
  archivedArticles,
  archiveProblems,
  archiveState,
  lineFor,
  PAGE_TIMEOUT_MS,
  type StetRun,
  stet,
} from './harness.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import {
  ACTIVE_CONTENT_TEXT,
  ACTIVE_MARKDOWN,
  articleHtml,
  BEACON_PREFIX,
  encodedCases,
  FORBIDDEN_MARKERS,
  invalidUtf8Page,
  MARKDOWN_LOOKALIKES,
  SPECIAL_AUTHOR,
  SPECIAL_TITLE,
  type StubKind,
  stubPage,
} from './pages.js';

interface JsonOutput {
  readonly metadata: Record<string, unknown>;
  readonly markdown: string;
  readonly text: string;
}

const ENCODED = encodedCases();
const CONTENT_PATHS = [
  ...ENCODED.map((_, i) => `/enc/${i}`),
  '/enc/invalid-utf8',
  '/content/no-body',
  '/content/head-only',
  '/content/only-images',
  '/content/specials',
  '/content/active',
  '/content/math-table',
];

describe('encodings and content (stet extract)', () => {
  let server: HostileServer;
  let outDir: string;
  let run: StetRun;
  const outputs = new Map<string, JsonOutput>();

  const output = (path: string): JsonOutput => {
    const found = outputs.get(`${server.url}${path}`);
    if (found === undefined) {
      throw new Error(`no output for ${path}:\n${run.lines.join('\n')}`);
    }
    return found;
  };

  beforeAll(async () => {
    server = await startHostileServer();
    outDir = await makeTempDir('stet-content-');
    const inputs = CONTENT_PATHS.map((path) => `${server.url}${path}`);
    run = await stet([
      'extract',
      '--format',
      'json',
      '--out-dir',
      outDir,
      '--timeout',
      String(PAGE_TIMEOUT_MS),
      ...inputs,
    ]);
    for (const line of run.lines) {
      const [status, input, file] = line.split('  ');
      if (status === 'extracted' && input !== undefined && file !== undefined) {
        outputs.set(input, JSON.parse(readFileSync(file, 'utf8')) as JsonOutput);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await server.close();
    await removeDir(outDir);
  });

  it.each(ENCODED.map((page, i) => [page.name, i, page] as const))(
    '%s: the text survives intact',
    (_name, index, page) => {
      const { text, markdown } = output(`/enc/${index}`);
      expect(text).toContain(page.sample);
      expect(markdown).not.toContain('\uFFFD');
    },
  );

  it('invalid UTF-8 under a UTF-8 header: bad bytes become U+FFFD, the rest is intact', () => {
    const { text } = output('/enc/invalid-utf8');
    expect(text).toContain(invalidUtf8Page().sample);
    expect(text).toContain('\uFFFD');
  });

  it('a page without <body> still yields its article', () => {
    expect(output('/content/no-body').text).toContain('Reference nobody.');
  });

  it('a page with only a <head> fails with extract.empty', () => {
    expect(lineFor(run, `${server.url}/content/head-only`)).toBe(
      `failed  ${server.url}/content/head-only  extract.empty: no article text found on the page`,
    );
  });

  it('a page of only images fails with extract.empty (there is no text to archive)', () => {
    expect(lineFor(run, `${server.url}/content/only-images`)).toBe(
      `failed  ${server.url}/content/only-images  extract.empty: no article text found on the page`,
    );
  });

  it('Markdown specials in the text are escaped, not turned into headings, rules, lists, quotes', () => {
    const lines = output('/content/specials').markdown.split('\n');
    for (const lookalike of MARKDOWN_LOOKALIKES) {
      const words = lookalike.split(' ').slice(2, 6).join(' ');
      const line = lines.find((l) => l.includes(words));
      expect(line, lookalike).toBeDefined();
      expect(line?.startsWith(lookalike.slice(0, 2)), `${line} is not escaped`).toBe(false);
    }
  });

  it('active content: no payload reaches the Markdown; the visible text does', () => {
    const { markdown } = output('/content/active');
    expect(markdown).toContain(`${ACTIVE_CONTENT_TEXT} one`);
    expect(markdown).toContain('[a safe link](https://example.org/safe)');
    const markers = FORBIDDEN_MARKERS.filter((marker) => markdown.toLowerCase().includes(marker));
    const active = ACTIVE_MARKDOWN.map((pattern) => pattern.exec(markdown)?.[0]).filter(Boolean);
    expect({ markers, active }, markdown).toEqual({ markers: [], active: [] });
  });

  it('active content: no script ran and no subresource was requested', () => {
    expect(server.requests.filter((target) => target.startsWith(BEACON_PREFIX))).toEqual([]);
  });

  it('a <tr> outside any table (MathML) does not crash the conversion', () => {
    expect(lineFor(run, `${server.url}/content/math-table`)).toMatch(/^extracted {2}/);
    expect(output('/content/math-table').text).toContain('The load formula');
  });

  it('exits 1 because some inputs had no article, and prints no stack trace', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

const STUB_OUTCOMES: readonly (readonly [StubKind, RegExp])[] = [
  ['consent', /^suspect {2}\S+ {2}(?:lost \d+ of \d+ words|looks like a consent page)/],
  ['paywall', /^suspect {2}\S+ {2}(?:lost \d+ of \d+ words|looks like a paywall page)/],
  ['login', /^(?:suspect {2}\S+ {2}|failed {2}\S+ {2}extract\.empty: )/],
  ['error-200', /^suspect {2}\S+ {2}(?:lost \d+ of \d+ words|looks like an error page)/],
];

describe('front-matter and stubs (stet archive)', () => {
  let server: HostileServer;
  let repo: string;

  beforeAll(async () => {
    server = await startHostileServer();
    repo = await makeTempRepo();
  });

  afterAll(async () => {
    await server.close();
    await removeDir(repo);
  });

  it('a title and author full of YAML and Markdown specials survive in the archived file', async () => {
    const url = `${server.url}/content/specials`;
    const run = await stet(['archive', '--archive', repo, url]);
    expect(run.code, run.stderr).toBe(0);
    const file = [...archivedArticles(repo).values()].find((a) => a.metadata.url === url);
    expect(file?.metadata.title).toBe(SPECIAL_TITLE);
    expect(file?.metadata.author).toBe(SPECIAL_AUTHOR);
    expect(archiveProblems(repo)).toEqual([]);
  });

  describe('stubs served where a good article was archived', () => {
    const urlOf = (kind: StubKind): string => `${server.url}/news/${kind}-story`;
    let before: ReturnType<typeof archiveState>;
    let goodFiles: Map<string, string>;
    let stubRun: StetRun;

    beforeAll(async () => {
      for (const [kind] of STUB_OUTCOMES) {
        server.page(
          `/news/${kind}-story`,
          articleHtml({ title: `Behind a ${kind} wall`, marker: kind }),
        );
      }
      const first = await stet([
        'archive',
        '--archive',
        repo,
        ...STUB_OUTCOMES.map(([k]) => urlOf(k)),
      ]);
      expect(first.code, first.stderr).toBe(0);
      before = archiveState(repo);
      goodFiles = new Map([...archivedArticles(repo)].map(([path, a]) => [path, a.raw]));
      for (const [kind] of STUB_OUTCOMES) server.page(`/news/${kind}-story`, stubPage(kind));
      stubRun = await stet(['archive', '--archive', repo, ...STUB_OUTCOMES.map(([k]) => urlOf(k))]);
    }, 120_000);

    it.each(STUB_OUTCOMES)('%s stub: reported, not committed over the article', (kind, outcome) => {
      const line = stubRun.lines.find((l) => l.includes(kind) || l.includes(urlOf(kind)));
      expect(line, stubRun.lines.join('\n')).toMatch(outcome);
    });

    it('exits 1; HEAD and every archived file are as before', () => {
      expect(stubRun.code).toBe(1);
      expect(archiveState(repo).head).toBe(before.head);
      const after = new Map([...archivedArticles(repo)].map(([path, a]) => [path, a.raw]));
      expect(after).toEqual(goodFiles);
      expect(archiveProblems(repo)).toEqual([]);
    });
  });
});
