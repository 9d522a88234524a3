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
/** Schemes an archived article may point to; anything else (javascript:, data:, …) goes. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'ftp:', 'file:']);

export const absoluteUrls: TransformRule = {
  kind: 'transform',
  id: 'absolute-urls',
  reason: 'links and images must work outside the page, so their URLs are made absolute',
  apply: (root, _context, removed) => {
    const base = root.ownerDocument.baseURI;
    for (const image of root.querySelectorAll('img')) {
      const lazy = LAZY_SOURCES.map((name) => image.getAttribute(name)).find((value) => value);
      const src = image.getAttribute('src') ?? '';
      if (lazy && (!src || src.startsWith('data:'))) image.setAttribute('src', lazy);
    }
    for (const [selector, attribute] of URL_ATTRIBUTES) {
      for (const element of root.querySelectorAll(selector)) {
        const value = element.getAttribute(attribute) ?? '';
        if (value.startsWith('#') || value.trim() === '') continue;
        const absolute = safeAbsolute(value, base);
        if (absolute) {
          element.setAttribute(attribute, absolute);
        } else if (element.localName === 'a') {
          // The link goes; its text stays.
          removed(`link ${value.slice(0, 40)}`);
          element.replaceWith(...element.childNodes);
        } else {
          // A picture that cannot load safely is replaced by its description.
          removed(element);
          element.replaceWith(element.getAttribute('alt') ?? '');
        }
      }
    }
  },
};

function safeAbsolute(value: string, base: string): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
