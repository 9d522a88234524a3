// parsePage: a jsdom document that runs nothing, loads nothing, prints nothing, and resolves
// links against the right base URL; and every real page of the corpus parses.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBytes } from '../../src/decode/decode.js';
import { parsePage } from '../../src/parse/parse.js';
import type { DecodedPage } from '../../src/types.js';
import {
  CORPUS_DIR,
  describeWithCorpus,
  readabilityPages,
  readGzip,
  zytePages,
} from '../helpers/corpus.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** The zyte page whose SCSS in a <style> makes `new JSDOM()` throw. */
const SCSS_PAGE_ID = 'f5c90a6d5253c3a21ff3168c64bea4b5ffade7a1ba5bed952a59ebee0d648d98';

function decoded(html: string, input = 'page.html', url?: string): DecodedPage {
  return {
    input,
    url,
    html,
    encoding: 'utf-8',
    encodingSource: 'utf8',
    fetchedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

function linkHref(
  html: string,
  input: string,
  url?: string,
): { base: string | undefined; href: string } {
  const parsed = parsePage(decoded(html, input, url));
  try {
    return { base: parsed.url, href: parsed.document.querySelector('a')?.href ?? '' };
  } finally {
    parsed.close();
  }
}

describe('parsePage: the document', () => {
  it('builds the tree without scripts, styles, comments or SVG, keeping JSON-LD', () => {
    const parsed = parsePage(
      decoded(
        '<html><head><style>p{}</style><script type="application/ld+json">{"a":1}</script></head>' +
          '<body><!-- c --><script>x()</script><svg><path/></svg><p>Text</p></body></html>',
      ),
    );
    try {
      const { document } = parsed;
      expect(document.querySelectorAll('style, svg').length).toBe(0);
      expect([...document.scripts].map((script) => script.type)).toEqual(['application/ld+json']);
      expect(document.body.innerHTML).toBe('<p>Text</p>');
      expect(parsed.input).toBe('page.html');
      expect(parsed.fetchedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    } finally {
      parsed.close();
    }
  });

  it('runs no inline handlers', () => {
    const parsed = parsePage(
      decoded(
        '<body onload="document.title=\'ran\'"><img src="x" onerror="document.title=\'ran\'"></body>',
      ),
    );
    try {
      expect(parsed.document.title).toBe('');
    } finally {
      parsed.close();
    }
  });

  it('prints nothing for CSS jsdom cannot parse', () => {
    const errors = vi.spyOn(console, 'error');
    const parsed = parsePage(
      decoded('<p style="color: rgb(1,2">x</p><div style="&:hover{}">y</div>'),
    );
    expect(parsed.document.querySelector('p')?.style.display).toBe('');
    parsed.close();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe('parsePage: memory', () => {
  /** Parses a page, uses it as the pipeline does (selectors, a full copy), closes it. */
  function parseUseAndClose(): WeakRef<Document> {
    const html =
      '<body id="top"><form name="search"><input name="q"></form>' +
      '<div id="main"><p class="lead">Text</p><img name="photo" src="a.jpg"></div></body>';
    const parsed = parsePage(decoded(html, 'page.html', 'https://example.com/'));
    parsed.document.querySelectorAll('div > p.lead, [name]');
    const copy = parsed.document.cloneNode(true) as Document;
    copy.querySelector('#main');
    parsed.close();
    return new WeakRef(parsed.document);
  }

  it('lets a closed document, and copies of it, be garbage-collected', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const documents = Array.from({ length: 3 }, parseUseAndClose);
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(documents.map((document) => document.deref())).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('keeps a document usable while another is parsed and closed', () => {
    const first = parsePage(decoded('<div id="a"><p>First</p></div>'));
    parsePage(decoded('<div id="a"><p>Second</p></div>')).close();
    expect(first.document.querySelector('#a p')?.textContent).toBe('First');
    expect(first.document.getElementById('a')).not.toBeNull();
    first.close();
  });
});

describe('parsePage: no subresources', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('requests no image, stylesheet, script, iframe or font', async () => {
    const html = `<html><head>
      <link rel="stylesheet" href="${server.url}/style.css">
      <script src="${server.url}/app.js"></script>
      <link rel="preload" as="font" href="${server.url}/font.woff2">
      </head><body>
      <img src="${server.url}/image.png"><iframe src="${server.url}/frame.html"></iframe>
      <object data="${server.url}/object.swf"></object>
      </body></html>`;
    const parsed = parsePage(decoded(html, server.url, `${server.url}/page`));
    // Give any request jsdom might have started the time to reach the server.
    await new Promise((resolve) => setTimeout(resolve, 200));
    parsed.close();
    expect(server.requests).toEqual([]);
  });
});

describe('parsePage: base URL', () => {
  const page = '<a href="../img/a.jpg?x=1&amp;y=2">a</a>';

  it('uses the page URL when it is http(s)', () => {
    const { base, href } = linkHref(page, 'x', 'https://news.example/2024/story/');
    expect(base).toBe('https://news.example/2024/story/');
    expect(href).toBe('https://news.example/2024/img/a.jpg?x=1&y=2');
  });

  it('without a page URL, uses the canonical link, then og:url', () => {
    const canonical =
      '<head><meta property="og:url" content="https://og.example/p"><link rel="canonical" href="https://canonical.example/a/b?id=1&amp;v=2"></head>' +
      page;
    expect(linkHref(canonical, 'saved.html').base).toBe('https://canonical.example/a/b?id=1&v=2');
    const ogOnly = `<head><meta property="og:url" content="https://og.example/p/q"></head>${page}`;
    expect(linkHref(ogOnly, 'saved.html').href).toBe('https://og.example/img/a.jpg?x=1&y=2');
  });

  it('ignores a relative or non-http canonical URL, and falls back to the file', () => {
    const html = `<link rel="canonical" href="/relative"><meta property="og:url" content="ftp://x/y">${page}`;
    const { base } = linkHref(html, '/saved/pages/story.html');
    expect(base).toBe('file:///saved/pages/story.html');
  });

  it('has no base URL for stdin without a declared URL', () => {
    expect(linkHref(page, '-').base).toBeUndefined();
  });
});

describeWithCorpus('parsePage on every corpus page', () => {
  const pages = [
    ...zytePages().map((page) => [`zyte ${page.id.slice(0, 12)}`, page.path, page.url] as const),
    ...readabilityPages().map(
      (page) => [`readability ${page.name}`, page.path, undefined] as const,
    ),
  ];

  it.each(pages)('%s parses, with text in <body>', (_name, path, url) => {
    const { html } = decodeBytes(readGzip(path), undefined);
    const parsed = parsePage(decoded(html, path, url));
    try {
      expect(parsed.document.body?.textContent?.trim()).not.toBe('');
    } finally {
      parsed.close();
    }
  });

  it('parses the page with SCSS in a <style> block', () => {
    const path = `${CORPUS_DIR}/zyte/html/${SCSS_PAGE_ID}.html.gz`;
    const parsed = parsePage(decoded(decodeBytes(readGzip(path), undefined).html, path));
    try {
      expect(parsed.document.querySelectorAll('p').length).toBeGreaterThan(0);
    } finally {
      parsed.close();
    }
  });
});

describe('parsePage: element-name lists answered by a tree walk', () => {
  /** The lists Readability and stet ask for, one name and several. */
  const NAME_LISTS = ['p', 'a', 'h1, h2', 'script, noscript', 'ul,ol', 'div, section, p, h2, li'];

  /** The same query through jsdom's selector engine (`:is()` is not a plain name list). */
  function viaSelectorEngine(root: Document | Element, names: string): Element[] {
    return [...root.querySelectorAll(`:is(${names})`)];
  }

  function expectSameAnswers(root: Document | Element): void {
    for (const names of NAME_LISTS) {
      const walked = root.querySelectorAll(names);
      // jsdom's own kind of list: a NodeList of the same window, not an array.
      expect(Object.getPrototypeOf(walked)).toBe(
        Object.getPrototypeOf(root.querySelectorAll(':is(p)')),
      );
      expect([...walked], names).toEqual(viaSelectorEngine(root, names));
    }
  }

  it('gives the selector engine’s elements, in document order, on a snippet', () => {
    const parsed = parsePage(
      decoded(
        '<body><div><h2>b</h2><p>1</p><ul><li><p>2</p></li></ul><h1>a</h1></div><section><p>3</p><ol></ol></section></body>',
      ),
    );
    try {
      const { document } = parsed;
      expect([...document.querySelectorAll('h1, h2')].map((h) => h.textContent)).toEqual([
        'b',
        'a',
      ]);
      expectSameAnswers(document);
      const detached = document.querySelector('div') as Element;
      detached.remove();
      expectSameAnswers(detached);
      expect(detached.querySelectorAll('div')).toHaveLength(0);
    } finally {
      parsed.close();
    }
  });

  it('returns a static list', () => {
    const parsed = parsePage(decoded('<body><p>1</p><p>2</p></body>'));
    try {
      const paragraphs = parsed.document.querySelectorAll('p');
      paragraphs[0]?.remove();
      expect(paragraphs).toHaveLength(2);
    } finally {
      parsed.close();
    }
  });
});

describeWithCorpus('parsePage: element-name lists on real pages', () => {
  it.each(zytePages().slice(0, 12))('$id: the selector engine’s answers', (page) => {
    const { html } = decodeBytes(readGzip(page.path), undefined);
    const parsed = parsePage(decoded(html, page.path, page.url));
    try {
      const document = parsed.document;
      expect(document.querySelectorAll('div').length).toBeGreaterThan(0);
      for (const root of [document, ...document.querySelectorAll('article, main, body')]) {
        for (const names of [
          'p',
          'h1, h2',
          'div, section, header, h1, h2, h3, p',
          'img, picture, figure',
        ]) {
          expect([...root.querySelectorAll(names)], names).toEqual([
            ...root.querySelectorAll(`:is(${names})`),
          ]);
        }
      }
    } finally {
      parsed.close();
    }
  });
});
