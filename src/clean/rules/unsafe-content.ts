import type { TransformRule } from './rule.js';

/** Elements that carry code or foreign documents, never article text. */
const UNSAFE_ELEMENTS =
  'script, style, noscript, iframe, object, embed, template, link, meta, form, input, button, select, textarea';
/** URL schemes that run code or inline data when followed. */
const UNSAFE_SCHEME = /^\s*(javascript|data|vbscript):/i;

export const unsafeContent: TransformRule = {
  kind: 'transform',
  id: 'unsafe-content',
  reason:
    'scripts, styles, frames, forms, event handlers and javascript:/data: links are not article content',
  apply: (root, _context, removed) => {
    for (const element of root.querySelectorAll(UNSAFE_ELEMENTS)) {
      if (!root.contains(element)) continue;
      removed(element);
      element.remove();
    }
    for (const element of [root, ...root.querySelectorAll('*')]) {
      for (const attribute of [...element.attributes]) {
        if (attribute.name.toLowerCase().startsWith('on')) element.removeAttribute(attribute.name);
      }
    }
    // A javascript: or data: link keeps its text; only the link goes.
    for (const link of root.querySelectorAll('a[href]')) {
      if (UNSAFE_SCHEME.test(link.getAttribute('href') ?? '')) {
        removed(`link ${link.getAttribute('href')?.slice(0, 40)}`);
        link.replaceWith(...link.childNodes);
      }
    }
    for (const image of root.querySelectorAll('img[src]')) {
      if (/^\s*(javascript|vbscript):/i.test(image.getAttribute('src') ?? ''))
        image.removeAttribute('src');
    }
  },
};
