import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { collectMetadata } from '../../src/metadata/collect.js';
import { type ResolvedMetadata, resolveMetadata } from '../../src/metadata/resolve.js';
import { validateProfile } from '../../src/sites/profile.js';
import { findProfile } from '../../src/sites/registry.js';
import type { ArticleMetadata, ExtractedArticle, ParsedPage } from '../../src/types.js';
import { REFERENCE_FRONT_MATTER, REFERENCE_PAGE } from '../helpers/reference-page.js';

const CAPTURED = new Date('2026-11-25T14:00:00Z');
const open: ParsedPage[] = [];

afterEach(() => {
  for (const page of open.splice(0)) page.close();
});

function page(html: string, url = 'https://news.example.com/world/story-123'): ParsedPage {
  const dom = new JSDOM(html, { url });
  const parsed = {
    input: url,
    url,
    document: dom.window.document,
    fetchedAt: CAPTURED,
    parseAgain: () => new JSDOM(html, { url }).window.document,
    close: () => dom.window.close(),
  };
  open.push(parsed);
  return parsed;
}

/** Readability found nothing beyond the body: only the page's own candidates count. */
function bareArticle(parsed: ParsedPage): ExtractedArticle {
  return {
    root: parsed.document.body,
    method: 'test',
    title: undefined,
    byline: undefined,
    excerpt: undefined,
    siteName: undefined,
    lang: undefined,
    publishedTime: undefined,
  };
}

function metadataOf(html: string, url?: string): ArticleMetadata {
  return resolved(html, url).metadata;
}

function resolved(
  html: string,
  url?: string,
  fromReadability: Partial<ExtractedArticle> = {},
): ResolvedMetadata {
  const parsed = page(html, url);
  const candidates = collectMetadata(parsed, findProfile(parsed.url));
  return resolveMetadata(candidates, { ...bareArticle(parsed), ...fromReadability }, parsed);
}

const ARTICLE_TEXT = '<p>Article text that is long enough to be the article body of this page.</p>';

describe('the reference page (examples/)', () => {
  it('has the seed front-matter', () => {
    const html = readFileSync(REFERENCE_PAGE, 'utf8');
    const parsed = page(html, undefined);
    const profile = findProfile('https://www.globalresearch.ca/x');
    const candidates = collectMetadata(parsed, profile);
    const article = extractArticle(parsed, profile);
    const { metadata } = resolveMetadata(candidates, article, parsed);
    expect(metadata).toMatchObject(REFERENCE_FRONT_MATTER);
    expect(metadata.tags).toContain('SYRIA');
  });

  it('gets the same from the visible page alone (labels, byline, dateline), without meta or JSON-LD', () => {
    const html = readFileSync(REFERENCE_PAGE, 'utf8')
      .replace(/<meta[^>]*>/g, '')
      .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    const metadata = metadataOf(
      html,
      'https://www.globalresearch.ca/video-government-forces/5660583',
    );
    expect(metadata).toMatchObject({
      title: 'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria',
      author: 'South Front',
      date: '2018-11-20',
      region: 'Middle East & North Africa',
      theme: 'US NATO War Agenda',
      tags: ['SYRIA'],
      site: 'Global Research',
      original_source: 'South Front',
    });
  });
});

describe('site profiles', () => {
  it("reads the profile's selectors (first match for the author) and its own labels", () => {
    const profile = validateProfile(
      {
        hosts: ['example.org'],
        name: 'Example Org',
        author: '.writer a',
        labels: { Dossier: 'tags' },
      },
      'test',
    );
    const parsed = page(
      `<html><body><article><h1>Headline</h1><p class="writer"><a href="/w/1">Jane Roe</a></p>${ARTICLE_TEXT}
       <p>Dossier: <a href="/d/1">Energy</a></p></article>
       <aside><p class="writer"><a href="/w/2">Other Writer</a></p></aside></body></html>`,
      'https://www.example.org/story',
    );
    const { metadata, sources } = resolveMetadata(
      collectMetadata(parsed, profile),
      bareArticle(parsed),
      parsed,
    );
    expect(metadata).toMatchObject({ author: 'Jane Roe', site: 'Example Org', tags: ['Energy'] });
    expect(sources.author).toBe('site-profile');
  });
});

describe('JSON-LD', () => {
  it('follows @graph and @id references (Yoast) and keeps several authors as a list in order', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': '#site', name: 'Example News' },
        {
          '@type': ['NewsArticle'],
          headline: 'Rain &amp; floods',
          author: [{ '@id': '#p1' }, { '@id': '#p2' }, { '@id': '#p1' }],
          datePublished: '2018-11-20T08:15:00+01:00',
          dateModified: '2018-11-21T09:00:00+01:00',
          articleSection: ['World'],
          keywords: 'floods, weather, Floods',
        },
        { '@type': 'Person', '@id': '#p1', name: 'Jane Roe' },
        { '@type': 'Person', '@id': '#p2', name: 'John Doe' },
      ],
    };
    const metadata = metadataOf(
      `<html><head><script type="application/ld+json">${JSON.stringify(graph)}</script></head><body>${ARTICLE_TEXT}</body></html>`,
    );
    expect(metadata).toMatchObject({
      title: 'Rain & floods',
      author: ['Jane Roe', 'John Doe'],
      date: '2018-11-20T08:15:00+01:00',
      modified: '2018-11-21T09:00:00+01:00',
      theme: 'World',
      tags: ['floods', 'weather'],
      site: 'Example News',
    });
  });

  it('reads an array of nodes and tolerates broken JSON (trailing comma, raw newline)', () => {
    const broken = `[{"@type": "BlogPosting", "headline": "Line one
line two", "author": {"@type": "Person", "name": "Ann Lee"}, "datePublished": "2019-03-04",}]`;
    const metadata = metadataOf(
      `<html><head><script type="application/ld+json">${broken}</script></head><body>${ARTICLE_TEXT}</body></html>`,
    );
    expect(metadata).toMatchObject({
      title: 'Line one line two',
      author: 'Ann Lee',
      date: '2019-03-04',
    });
  });

  it('loses to the visible byline when it names someone the page does not show', () => {
    const jsonLd = {
      '@type': 'NewsArticle',
      author: { '@type': 'Person', name: 'Some Syndicator' },
    };
    const metadata = metadataOf(
      `<html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head>
       <body><article><h1>Headline</h1><p class="byline">By Jane Roe</p>${ARTICLE_TEXT}</article></body></html>`,
    );
    expect(metadata.author).toBe('Jane Roe');
  });

  it('ignores the publisher given as author, even when Readability repeats it', () => {
    const jsonLd = {
      '@type': 'NewsArticle',
      author: { '@type': 'Organization', name: 'Example News' },
      publisher: { '@type': 'Organization', name: 'Example News' },
    };
    const { metadata } = resolved(
      `<html><head><meta property="og:site_name" content="Example News">
       <script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body>${ARTICLE_TEXT}</body></html>`,
      undefined,
      { byline: 'Example News' },
    );
    expect(metadata.author).toBeUndefined();
    expect(metadata.site).toBe('Example News');
  });
});

describe('authors', () => {
  it('never takes a URL, an email or boilerplate from <meta>, and falls through to the byline', () => {
    const metadata = metadataOf(`<html><head>
      <meta property="article:author" content="https://www.facebook.com/someone">
      <meta name="author" content="admin"></head>
      <body><article><h1>Headline</h1><div class="byline">By <a href="/a/jane">Jane Roe</a> and <a href="/a/john">John Doe</a></div>
      ${ARTICLE_TEXT}</article></body></html>`);
    expect(metadata.author).toEqual(['Jane Roe', 'John Doe']);
  });

  it('takes the site name as author when two sources say so (a blog named after its author)', () => {
    const jsonLd = { '@type': 'BlogPosting', author: { '@type': 'Person', name: 'Haki Benita' } };
    const metadata = metadataOf(`<html><head><meta property="og:site_name" content="Haki Benita">
      <meta name="author" content="Haki Benita">
      <script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body>${ARTICLE_TEXT}</body></html>`);
    expect(metadata.author).toBe('Haki Benita');
  });

  it('does not take the site, by name or by host, from metadata as the author', () => {
    const jsonLd = { '@type': 'BlogPosting', author: { '@type': 'Person', name: 'LinkNaija' } };
    const metadata = metadataOf(
      `<html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body>${ARTICLE_TEXT}</body></html>`,
      'https://www.linknaija.com/2018/08/story.html',
    );
    expect(metadata.author).toBeUndefined();
  });

  it('takes the byline inside a long container whose class merely mentions a contributor', () => {
    const metadata = metadataOf(`<html><body><article class="post tag-fan-contributor">
      <a href="/c/movies">Movies</a><h1>Headline</h1>
      <div class="byline"><span class="author-name">James Akinaka</span></div>${ARTICLE_TEXT}${ARTICLE_TEXT}</article></body></html>`);
    expect(metadata.author).toBe('James Akinaka');
  });

  it('skips bylines in related-article lists and comments', () => {
    const metadata = metadataOf(`<html><body>
      <aside class="related"><p class="byline">By Other Writer</p></aside>
      <article><h1>Headline</h1><p>By Jane Roe</p>${ARTICLE_TEXT}</article>
      <div class="comments"><p>by Commenter Person</p></div></body></html>`);
    expect(metadata.author).toBe('Jane Roe');
  });
});

describe('dates', () => {
  it('prefers the date in the visible byline to a modified date given as <meta name=date>', () => {
    const metadata = metadataOf(
      `<html><head><meta name="date" content="2019-05-02">
      <meta property="article:modified_time" content="2019-05-02T10:00:00Z"></head>
      <body><article><h1>Headline</h1><p class="dateline">Published November 20, 2018</p>${ARTICLE_TEXT}</article></body></html>`,
      'https://news.example.com/2018/11/20/story',
    );
    expect(metadata.date).toBe('2018-11-20');
    expect(metadata.modified).toBe('2019-05-02T10:00:00Z');
  });

  it('never gives the capture day from a header clock, a future date or a date before 1990', () => {
    const metadata =
      metadataOf(`<html><head><meta property="article:published_time" content="2031-01-01">
      <meta name="dc.date" content="1970-01-01"></head>
      <body><div class="header-date">Wednesday, November 25, 2026</div><article><h1>Headline</h1>${ARTICLE_TEXT}</article></body></html>`);
    expect(metadata.date).toBeUndefined();
  });

  it('keeps a time with its offset when the page gives one, and takes the day from the best source', () => {
    const metadata = metadataOf(`<html><head>
      <meta property="article:published_time" content="2018-11-20T07:30:00-05:00"></head>
      <body><article><h1>Headline</h1><time datetime="2018-11-20">Nov 20</time>${ARTICLE_TEXT}</article></body></html>`);
    expect(metadata.date).toBe('2018-11-20T07:30:00-05:00');
  });

  it('falls back to the date in the URL', () => {
    expect(
      metadataOf(
        `<html><body>${ARTICLE_TEXT}</body></html>`,
        'https://example.com/2017/03/09/a-story',
      ).date,
    ).toBe('2017-03-09');
  });
});

describe('other fields', () => {
  it('strips the site name from <title>, normalises language, ignores a canonical home page', () => {
    const metadata =
      metadataOf(`<html lang="en_GB"><head><title>Whales stranded | The Example Times</title>
      <meta property="og:site_name" content="The Example Times">
      <link rel="canonical" href="https://news.example.com/"></head><body>${ARTICLE_TEXT}</body></html>`);
    expect(metadata.title).toBe('Whales stranded');
    expect(metadata.language).toBe('en-GB');
    expect(metadata.url).toBe('https://news.example.com/world/story-123');
  });

  it('resolves a relative canonical URL against the page', () => {
    const metadata = metadataOf(
      `<html><head><link rel="canonical" href="/world/story-123?ref=x"></head><body>${ARTICLE_TEXT}</body></html>`,
    );
    expect(metadata.url).toBe('https://news.example.com/world/story-123?ref=x');
  });

  it('reads taxonomy labels, breadcrumbs, rel=tag and de-duplicates tags', () => {
    const metadata = metadataOf(`<html><body>
      <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/science">Science</a></nav>
      <article><h1>Headline</h1>${ARTICLE_TEXT}
      <p>Tags: <a href="/t/a">Oceans</a>, <a href="/t/b">whales</a>, <a href="/t/c">Whales</a></p>
      <p><strong>Region:</strong> <a href="/r/pacific">Pacific</a></p></article></body></html>`);
    expect(metadata.tags).toEqual(['Oceans', 'whales']);
    expect(metadata.region).toBe('Pacific');
    expect(metadata.theme).toBe('Science');
  });

  it('reads a Creative Commons license and an "originally published" line', () => {
    const metadata = metadataOf(`<html><body><article><h1>Headline</h1>${ARTICLE_TEXT}
      <p>This article was originally published on <a href="https://theconversation.com/x">The Conversation</a>.</p>
      <p>Licensed under <a href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a></p></article></body></html>`);
    expect(metadata.original_source).toBe('The Conversation');
    expect(metadata.license).toBe('https://creativecommons.org/licenses/by-nd/4.0/');
  });

  it('names the winning source of every field for --debug', () => {
    const { metadata, sources } = resolved(
      `<html lang="en"><head><meta property="og:title" content="A title"><meta name="author" content="Jane Roe"></head>
       <body><article><h1>A title</h1><p class="byline">By Jane Roe, November 20, 2018</p>${ARTICLE_TEXT}</article></body></html>`,
    );
    expect(metadata).toMatchObject({
      title: 'A title',
      author: 'Jane Roe',
      date: '2018-11-20',
      language: 'en',
    });
    expect(sources).toEqual({
      title: 'meta:og:title',
      author: 'meta:author',
      date: 'byline-date',
      url: 'page-url',
      language: 'html-lang',
    });
  });

  it('lists every candidate with its source for --debug', () => {
    const { candidates } = resolved(
      `<html><head><meta property="og:title" content="A title"></head><body>${ARTICLE_TEXT}</body></html>`,
    );
    expect(candidates).toContainEqual({
      field: 'title',
      value: 'A title',
      source: 'meta:og:title',
    });
  });
});
