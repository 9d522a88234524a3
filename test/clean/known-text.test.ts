// textOf answers kept while the removal rules run must never be stale: a removal forgets the
// text of the removed element's ancestors, and a rewrite forgets everything.
import { afterEach, describe, expect, it } from 'vitest';
import { textOf, withKnownText } from '../../src/clean/rules/rule.js';
import type { ParsedPage } from '../../src/types.js';
import { parseHtml } from './pages.js';

const open: ParsedPage[] = [];
afterEach(() => {
  for (const page of open.splice(0)) page.close();
});

function articleOf(html: string): Element {
  const page = parseHtml(`<body><article>${html}</article></body>`, 'https://news.example.org/a');
  open.push(page);
  const root = page.document.querySelector('article');
  if (!root) throw new Error('no <article> in the test page');
  return root;
}

describe('withKnownText', () => {
  it("answers a removed element's ancestors with their new text", () => {
    const root = articleOf('<div><p>Keep this.</p> <p>Share on Facebook</p></div>');
    const block = root.querySelector('div') as Element;
    const share = root.querySelectorAll('p')[1] as Element;
    withKnownText((changes) => {
      expect(textOf(block)).toBe('Keep this. Share on Facebook');
      expect(textOf(root)).toBe('Keep this. Share on Facebook');
      changes.remove(share);
      expect(textOf(block)).toBe('Keep this.');
      expect(textOf(root)).toBe('Keep this.');
    });
  });

  it('forgets everything a rewrite may have changed', () => {
    const root = articleOf('<p>Before.</p>');
    const paragraph = root.querySelector('p') as Element;
    withKnownText((changes) => {
      expect(textOf(paragraph)).toBe('Before.');
      changes.rewrite(() => {
        paragraph.textContent = 'During.';
        expect(textOf(paragraph)).toBe('During.');
        paragraph.textContent = 'After.';
      });
      expect(textOf(paragraph)).toBe('After.');
    });
  });

  it('keeps nothing once it returns', () => {
    const root = articleOf('<p>Before.</p>');
    const paragraph = root.querySelector('p') as Element;
    withKnownText(() => textOf(paragraph));
    paragraph.textContent = 'After.';
    expect(textOf(paragraph)).toBe('After.');
  });
});
