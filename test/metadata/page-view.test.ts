import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  bodyElementsTagged,
  bodyTexts,
  descendantsTagged,
  elementsNamed,
  elementsTagged,
} from '../../src/metadata/page-view.js';
import { REFERENCE_PAGE } from '../helpers/reference-page.js';

// The page index replaces selector queries: on a real page it must return exactly what
// jsdom's querySelectorAll returns, in the same order.

function documentOf(html: string): Document {
  return new JSDOM(html).window.document;
}

/** The same nodes in the same order (toEqual would accept equal-looking copies). */
function expectSameNodes(actual: readonly Node[], expected: Iterable<Node>): void {
  const wanted = [...expected];
  expect(actual).toHaveLength(wanted.length);
  for (const [index, node] of actual.entries()) expect(node).toBe(wanted[index]);
}

describe('page index', () => {
  const document = documentOf(readFileSync(REFERENCE_PAGE, 'utf8'));

  it('lists the elements of the document and of the body by tag, in document order', () => {
    expectSameNodes(elementsTagged(document, 'a', 'link'), [
      ...document.querySelectorAll('a, link'),
    ]);
    expectSameNodes(elementsTagged(document, 'meta'), [...document.querySelectorAll('meta')]);
    expectSameNodes(bodyElementsTagged(document, 'p', 'div', 'span'), [
      ...(document.body?.querySelectorAll('p, div, span') ?? []),
    ]);
  });

  it('lists the descendants of one element by tag', () => {
    for (const block of document.querySelectorAll('p, ul, div')) {
      expectSameNodes(descendantsTagged(block, 'a'), [...block.querySelectorAll('a')]);
    }
  });

  it('finds body elements by class or id, and the body text nodes', () => {
    expectSameNodes(elementsNamed(document, /./), [
      ...(document.body?.querySelectorAll('[class], [id]') ?? []),
    ]);
    const walker = document.createTreeWalker(document.body ?? document.documentElement, 4);
    const texts: Node[] = [];
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node);
    expectSameNodes(
      bodyTexts(document).map(([node]) => node),
      texts,
    );
  });

  it('keeps <head> out of the body', () => {
    const page = documentOf(
      '<html><head><title>t</title><link rel="canonical" href="/x"></head>' +
        '<body><p class="a">1</p><div><p>2</p></div></body></html>',
    );
    expectSameNodes(bodyElementsTagged(page, 'p', 'title', 'link'), [
      ...page.querySelectorAll('body p'),
    ]);
    expect(elementsTagged(page, 'link')).toHaveLength(1);
  });
});
