// The two ways a page becomes a document: one shared Window per thread (the default), or a
// plain `new JSDOM()` per page (when jsdom's internals are missing, for a page the shared
// window failed on, or forced with STET_PLAIN_JSDOM=1). Both must give the same extraction.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { savedPage } from '../../src/fetch/input.js';
import * as factory from '../../src/parse/document-factory.js';
import * as pipeline from '../../src/pipeline.js';
import type { Extraction, FetchedPage } from '../../src/types.js';
import { describeWithCorpus, readabilityPagePath, readGzip, zytePages } from '../helpers/corpus.js';

type Factory = typeof factory;
type Pipeline = typeof pipeline;

/** The same modules loaded again with STET_PLAIN_JSDOM=1: every page on a plain JSDOM. */
let plainFactory: Factory;
let plainPipeline: Pipeline;

beforeAll(async () => {
  vi.stubEnv('STET_PLAIN_JSDOM', '1');
  vi.resetModules();
  try {
    plainFactory = await import('../../src/parse/document-factory.js');
    plainPipeline = await import('../../src/pipeline.js');
  } finally {
    vi.unstubAllEnvs();
  }
});

function fetched(body: string | Buffer, url: string, input = 'page.html'): FetchedPage {
  return savedPage(
    input,
    url,
    typeof body === 'string' ? new TextEncoder().encode(body) : body,
    new Date('2020-01-01T00:00:00Z'),
  );
}

/** Everything a user could see of an extraction, as one string to compare. */
function visible(extraction: Extraction): string {
  return JSON.stringify([
    extraction.method,
    extraction.document,
    extraction.removals,
    extraction.candidates,
  ]);
}

function bothPaths(page: FetchedPage): { fast: string; plain: string } {
  return {
    fast: visible(pipeline.extractPage(page, { url: page.url })),
    plain: visible(plainPipeline.extractPage(page, { url: page.url })),
  };
}

describe('document paths', () => {
  it.skipIf(process.env.STET_PLAIN_JSDOM === '1')(
    'finds every jsdom internal the shared window needs in the pinned jsdom',
    () => {
      expect(factory.DEFAULT_DOCUMENT_PATH).toBe('shared-window');
      const page = factory.createPageDocument('<p>x</p>', 'https://example.com/');
      try {
        expect(page.path).toBe('shared-window');
        expect(page.document.defaultView).toBeNull();
      } finally {
        page.release();
      }
    },
  );

  it('STET_PLAIN_JSDOM=1 puts every page on its own plain JSDOM', () => {
    expect(plainFactory.DEFAULT_DOCUMENT_PATH).toBe('plain-jsdom');
    const page = plainFactory.createPageDocument('<p>x</p>', 'https://example.com/a');
    try {
      expect(page.path).toBe('plain-jsdom');
      expect(page.document.defaultView).not.toBeNull();
      expect(page.document.URL).toBe('https://example.com/a');
    } finally {
      page.release();
    }
  });

  it('parses the same tree either way, without running scripts', () => {
    const html =
      '<!DOCTYPE html><html><head><title>T</title></head><body><noscript><p>No JS</p></noscript>' +
      '<template><p>inert</p></template><math><mi>x</mi></math><p id="a">A</p></body></html>';
    const fast = factory.createPageDocument(html, 'https://example.com/');
    const plain = factory.createPageDocument(html, 'https://example.com/', 'plain-jsdom');
    try {
      expect(plain.path).toBe('plain-jsdom');
      expect(plain.document.documentElement.outerHTML).toBe(
        fast.document.documentElement.outerHTML,
      );
      expect(plain.document.querySelectorAll('p').length).toBe(2);
    } finally {
      fast.release();
      plain.release();
    }
  });
});

/** Small pages with the parts of HTML the shared window treats specially. */
const INLINE_PAGES: Record<string, string> = {
  'template, object, embed and iframe in an article': `<!DOCTYPE html><html lang="en"><head>
    <title>Harbour reopens after storm - Example News</title>
    <meta name="author" content="Ada Reporter"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Harbour reopens after storm</h1>
    <p>The harbour reopened on Monday after a week of repairs to the breakwater, which the storm
    had breached in two places, flooding the fish market and the ferry terminal.</p>
    <template><p>Template content is inert and never part of the article.</p></template>
    <object data="/chart.svg" type="image/svg+xml" name="chart"><p>Chart of tides</p></object>
    <embed src="/clip.mp4" name="clip">
    <iframe src="https://video.example.com/embed/1" name="player"></iframe>
    <p>Engineers said the new concrete blocks should hold against storms of the same strength,
    and that a second phase of work would begin in the spring, once the weather allows.</p>
    <p>Ferries run on the winter timetable from Tuesday, the operator said in a statement.</p>
    </article><footer>Copyright 2024 Example News</footer></body></html>`,
  'forms whose inputs shadow element properties': `<!DOCTYPE html><html><head><title>Club news</title>
    </head><body><div id="content"><h2>Saisonauftakt</h2>
    <p>Der Verein startet mit einem Lauf über zehn Kilometer in die neue Saison; gemeldet sind
    mehr als zweihundert Läuferinnen und Läufer aus dem ganzen Kreis und den Nachbarkreisen.</p>
    <form name="getAttribute"><input name="getAttribute"><input name="parentNode">
    <input name="children"><input name="attributes"><input name="id"><button>Suchen</button></form>
    <p>Die Startunterlagen gibt es am Vortag im Vereinsheim, die Siegerehrung ist um 14 Uhr,
    und für Kinder gibt es einen eigenen Lauf über einen Kilometer rund um den Sportplatz.</p>
    <img name="querySelectorAll" src="/a.jpg" alt="Start"><img name="querySelectorAll" src="/b.jpg">
    </div></body></html>`,
  'MathML, SVG and foreign namespaces': `<!DOCTYPE html><html><head><title>On sums</title></head><body>
    <main><h1>On sums</h1><p>The sum of the first n odd numbers is a square, which a picture makes
    plain: each odd number adds an L-shaped border to the square before it.</p>
    <math><mrow><msup><mi>n</mi><mn>2</mn></msup><mo>=</mo><mi>p</mi></mrow><p>not html</p></math>
    <svg viewBox="0 0 10 10"><a href="/x"><text>p</text></a><foreignObject><p>inside</p></foreignObject></svg>
    <p>The proof by induction is just as short, and both are older than the notation we use.</p>
    <div><p>Nested <b>bold</b> and <em>emphasis</em> in a div.</p><ul><li>One</li><li>Two</li></ul></div>
    </main></body></html>`,
};

describe('both paths give the same extraction on small pages', () => {
  for (const [name, html] of Object.entries(INLINE_PAGES)) {
    it(name, () => {
      const { fast, plain } = bothPaths(fetched(html, 'https://example.com/story'));
      expect(fast.length).toBeGreaterThan(100);
      expect(plain).toBe(fast);
    });
  }
});

/**
 * Corpus pages of varied kinds. The first is a Hearst news page (ctpost.com), one of 8 whose
 * removals came out in another order when jsdom's own selector engine answered the rules' lists
 * of element names on the plain path.
 */
const ZYTE_SAMPLE = [
  '05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f',
  '21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9',
  '51374560f40088e227f0053ff1bb0b8525d10a8d7bfbff1cd6033f42347fd85b',
  '7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f',
  'c69e539d689a8335a69042727f1b58edab09d5d99fb607ec625a63151a537dc2',
];
const READABILITY_SAMPLE = ['ehow-1', 'mathjax', 'rtl-1', 'aclu', 'cnet-svg-classes'];
/** The URL Readability's own test suite gives its pages. */
const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';

describeWithCorpus('both paths give the same extraction on corpus pages', () => {
  for (const id of ZYTE_SAMPLE) {
    it(`zyte/${id.slice(0, 12)}`, () => {
      const page = zytePages().find((candidate) => candidate.id === id);
      expect(page).toBeDefined();
      if (page === undefined) return;
      const { fast, plain } = bothPaths(fetched(readGzip(page.path), page.url, page.path));
      expect(plain).toBe(fast);
    });
  }
  for (const name of READABILITY_SAMPLE) {
    it(`readability/${name}`, () => {
      const path = readabilityPagePath(name);
      const { fast, plain } = bothPaths(fetched(readGzip(path), READABILITY_PAGE_URL, path));
      expect(plain).toBe(fast);
    });
  }
});
