import type { TransformRule } from './rule.js';

/** Attributes that hold a URL the reader follows or loads. */
const URL_ATTRIBUTES: readonly (readonly [selector: string, attribute: string])[] = [
  ['a[href]', 'href'],
  ['img[src]', 'src'],
  ['video[src]', 'src'],
  ['audio[src]', 'src'],
  ['source[src]', 'src'],
];
/** Lazy-loading pages keep the real image address here and a placeholder in src. */
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-url'];

export const absoluteUrls: TransformRule = {
  kind: 'transform',
  id: 'absolute-urls',
  reason: 'links and images must work outside the page, so their URLs are made absolute',
  apply: (root) => {
    const base = root.ownerDocument.baseURI;
    for (const image of root.querySelectorAll('img')) {
      const lazy = LAZY_SOURCES.map((name) => image.getAttribute(name)).find((value) => value);
      const src = image.getAttribute('src') ?? '';
      if (lazy && (!src || src.startsWith('data:'))) image.setAttribute('src', lazy);
    }
    for (const [selector, attribute] of URL_ATTRIBUTES) {
      for (const element of root.querySelectorAll(selector)) {
        const value = element.getAttribute(attribute) ?? '';
        const absolute = absolutise(value, base);
        if (absolute) element.setAttribute(attribute, absolute);
      }
    }
  },
};

function absolutise(value: string, base: string): string | undefined {
  if (value.startsWith('#') || value.trim() === '') return undefined;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}
