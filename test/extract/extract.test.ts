import { describe, expect, it } from 'vitest';
import { isStetError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/extract.js';
import { toPlainText } from '../../src/markdown/markdown.js';
import type { ParsedPage } from '../../src/types.js';
import { parseCorpusPage, parseHtml, parseReferencePage } from '../clean/pages.js';
import { describeWithCorpus } from '../helpers/corpus.js';

const URL = 'https://news.example.org/2019/11/story.html';
const SENTENCE = 'The council voted on Tuesday to rebuild the old stone bridge over the river. ';

/** The plain text of the article stet finds on `page`, which it then closes. */
function extractedText(page: ParsedPage): string {
  const text = toPlainText(extractArticle(page, undefined).root);
  page.close();
  return text;
}

describe('extractArticle', () => {
  it('finds the article of the reference page with Readability, without the sidebars', () => {
    const page = parseReferencePage();
    const article = extractArticle(page, undefined);
    const text = toPlainText(article.root);
    page.close();
    expect(article.method).toBe('readability');
    expect(article.title).toBe(
      'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria',
    );
    expect(text).toContain('On November 17th, the Syrian Army (SAA)');
    expect(text).toContain('45 more are besieged inside the base.');
    expect(text).not.toContain('Most Popular');
    expect(text).not.toContain('Get Our Newsletter');
  });

  it("returns an element of the page's own document", () => {
    const page = parseReferencePage();
    const article = extractArticle(page, undefined);
    expect(article.root.ownerDocument).toBe(page.document);
    page.close();
  });

  it("uses a site profile's body selector when it matches", () => {
    const page = parseHtml(
      `<html><body><div class="story">${SENTENCE.repeat(3)}</div><div class="other">${SENTENCE.repeat(20)}</div></body></html>`,
      URL,
    );
    const article = extractArticle(page, { hosts: ['news.example.org'], body: '.story' });
    page.close();
    expect(article.method).toBe('site-profile');
    expect(toPlainText(article.root)).toBe(SENTENCE.repeat(3).trim());
  });

  it("falls back to JSON-LD articleBody when the page's HTML holds far too little", () => {
    const body = `${SENTENCE.repeat(12)}\n\n${SENTENCE.repeat(12)}`;
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      articleBody: body,
    });
    const page = parseHtml(
      `<html><head><script type="application/ld+json">${jsonLd}</script></head><body><div id="app"><p>Loading the story…</p></div></body></html>`,
      URL,
    );
    const article = extractArticle(page, undefined);
    page.close();
    expect(article.method).toBe('json-ld');
    expect(toPlainText(article.root)).toBe(
      `${SENTENCE.repeat(12).trim()}\n\n${SENTENCE.repeat(12).trim()}`,
    );
  });

  it('throws extract.empty naming the input when there is no article', () => {
    const page = parseHtml('<html><body><div> </div><nav></nav></body></html>', URL, 'empty.html');
    let thrown: unknown;
    try {
      extractArticle(page, undefined);
    } catch (error) {
      thrown = error;
    }
    page.close();
    expect(isStetError(thrown) && thrown.code).toBe('extract.empty');
    expect(isStetError(thrown) && thrown.subject).toBe('empty.html');
  });

  it('finds no article in a truncated response whose only text is punctuation', () => {
    // The first 64 bytes of a page cut short by a lying Content-Length: the stray `<` is all
    // the text there is.
    const page = parseHtml(
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<',
      URL,
      'truncated.html',
    );
    expect(() => extractArticle(page, undefined)).toThrow('no article text found on the page');
    page.close();
  });
});

describeWithCorpus('extractArticle on a page Readability cuts short', () => {
  it('takes the text-density block when it holds far more text (article text between <br>s)', () => {
    // jaraguadosul.com.br: the article is bare text in a <div> between <br>s, beside a long menu.
    const text = extractedText(parseCorpusPage('f6ac15a4d985'));
    expect(text).toContain('A equipe do Serviço de Atendimento Domiciliar (SAD)');
    expect(text).not.toContain('Portal da Transparência');
  });
});

describe('extractArticle with posts embedded in the story', () => {
  it('keeps a tweet whose wrapper is named after social media, among the paragraphs', () => {
    const paragraphs = SENTENCE.repeat(4);
    const page = parseHtml(
      `<html><head><title>Bridge</title></head><body><article><p>${paragraphs}</p>` +
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">The bridge is finally getting fixed! <a href="https://t.co/x">https://t.co/x</a></p>— A Reader (@reader) <a href="https://twitter.com/reader/status/1">November 18, 2019</a></blockquote></div>' +
        `<p>${paragraphs}</p></article></body></html>`,
      URL,
    );
    const text = extractedText(page);
    // Between the two runs of paragraphs, where the page put it.
    expect(text).toMatch(
      /council voted[\s\S]*The bridge is finally getting fixed![\s\S]*council voted/,
    );
  });
});

describeWithCorpus('extractArticle on a page that quotes tweets', () => {
  it('keeps the tweets (nj.com: five of them, in "social-media-embed" wrappers)', () => {
    const text = extractedText(parseCorpusPage('3f65af7b6b98'));
    expect(text).toContain(
      'Yes this is real and yes the state spent nearly half a million dollars',
    );
    expect(text).toContain('a whole lot of people on Twitter pointed it out');
  });
});

describeWithCorpus('extractArticle on a page that boxes every paragraph', () => {
  it('keeps a boxed paragraph with a linked phrase (hawaiinewsnow.com "card" layout)', () => {
    const text = extractedText(parseCorpusPage('f344ca5fb3'));
    expect(text).toContain(
      'The discovery was announced in an article published Monday in the journal Nature Astronomy.',
    );
  });
});

describe('extractArticle with each paragraph in its own box', () => {
  it('keeps a mostly-prose paragraph whose box Readability would read as a link block', () => {
    const box = (html: string) =>
      `<div class="card"><div class="card-content"><p>${html}</p></div></div>`;
    const page = parseHtml(
      `<html><head><title>Moon</title></head><body><article>${box(SENTENCE.repeat(3))}` +
        box(
          'The find was announced Monday in the <a href="https://example.org/j">journal Astronomy</a>.',
        ) +
        `${box(SENTENCE.repeat(3))}</article></body></html>`,
      URL,
    );
    const text = extractedText(page);
    expect(text).toContain('The find was announced Monday in the journal Astronomy.');
  });
});

describe('extractArticle with headings that carry their own text as an id', () => {
  it('keeps a "Related work" heading whose anchor Readability would read as a related-links box', () => {
    const page = parseHtml(
      `<html><head><title>Bridges</title></head><body><article><p>${SENTENCE.repeat(4)}</p>` +
        `<h2 id="related-work">Related work</h2><p>${SENTENCE.repeat(4)}</p></article></body></html>`,
      URL,
    );
    expect(extractedText(page)).toMatch(/^Related work$/m);
  });
});

describeWithCorpus('extractArticle on a wiki page', () => {
  it('keeps the section heading "Community" (readability/wikipedia: <span id="Community">)', () => {
    expect(extractedText(parseCorpusPage('readability/wikipedia'))).toMatch(/^Community\b/m);
  });
});

describe('extractArticle when Readability finds little and the page hides more', () => {
  it('leaves hidden elements out of the fallbacks (display:none, the hidden attribute)', () => {
    const hiddenCopy = 'A hidden draft of the story that no reader sees on the page. '.repeat(12);
    const page = parseHtml(
      `<html><head><title>Bridge</title></head><body><article><p>${SENTENCE.repeat(4)}</p>` +
        `<p style="display: none">${hiddenCopy}</p><p hidden>${hiddenCopy}</p></article></body></html>`,
      URL,
    );
    const text = extractedText(page);
    expect(text).toContain('The council voted on Tuesday');
    expect(text).not.toContain('A hidden draft');
  });
});

describeWithCorpus('extractArticle on a page with hidden paragraphs', () => {
  it('keeps only the visible paragraph (readability/hidden-nodes)', () => {
    const text = extractedText(parseCorpusPage('readability/hidden-nodes'));
    expect(text).toContain('Secondary header');
    // The first paragraph is shown; the two after the headings are hidden, each the same text.
    expect(text.match(/Lorem ipsum dolor sit amet, consetetur/g)).toHaveLength(3);
  });
});

describe('extractArticle with a lone paragraph in a box Readability drops on sight', () => {
  it.each([
    ['hidden from screen readers and sight', '<div aria-hidden="true">'],
    ['named as a comment', '<div class="comment-text">'],
    ['with a navigation role', '<div role="navigation">'],
  ])('leaves the box to Readability when it is %s', (_, openTag) => {
    const boxed = 'Another reader wrote in to say the bridge should be painted green this time. ';
    const page = parseHtml(
      `<html><head><title>Bridge</title></head><body><article><p>${SENTENCE.repeat(12)}</p>` +
        `${openTag}<p>${boxed.repeat(3)}</p></div><p>${SENTENCE.repeat(12)}</p></article></body></html>`,
      URL,
    );
    const text = extractedText(page);
    expect(text).toContain('The council voted on Tuesday');
    expect(text).not.toContain('Another reader wrote in');
  });

  it('leaves a short box named "byline" to Readability, which takes it as the byline', () => {
    const page = parseHtml(
      `<html><head><title>Bridge</title></head><body><article><p>${SENTENCE.repeat(12)}</p>` +
        `<div class="byline"><p>Jane Roe, City Desk</p></div><p>${SENTENCE.repeat(12)}</p>` +
        '</article></body></html>',
      URL,
    );
    const article = extractArticle(page, undefined);
    const text = toPlainText(article.root);
    page.close();
    expect(article.byline).toBe('Jane Roe, City Desk');
    expect(text).not.toContain('Jane Roe');
  });
});
