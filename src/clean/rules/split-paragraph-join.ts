import { AD_LABEL } from './advertisement-label.js';
import { type TransformRule, textOf } from './rule.js';

/** Characters that close a sentence or a quotation; a half-paragraph ends without one. */
const CLOSING_PUNCTUATION = /[.!?:;…"'”’»)\]]$/;
/** The second half starts with a lowercase letter (any script that has case). */
const STARTS_LOWERCASE = /^\p{Ll}/u;

export const splitParagraphJoin: TransformRule = {
  kind: 'transform',
  id: 'split-paragraph-join',
  reason: 'a paragraph the page split in two around an ad is one paragraph',
  apply: (root, _context, removed) => {
    for (const first of root.querySelectorAll('p')) {
      if (!root.contains(first)) continue;
      const firstText = textOf(first);
      if (firstText.length === 0 || CLOSING_PUNCTUATION.test(firstText)) continue;
      const between: Element[] = [];
      let second = first.nextElementSibling;
      while (second && isFiller(second)) {
        between.push(second);
        second = second.nextElementSibling;
      }
      if (second?.localName !== 'p' || !STARTS_LOWERCASE.test(textOf(second))) continue;
      for (const filler of between) {
        if (textOf(filler)) removed(filler);
        filler.remove();
      }
      first.append(first.ownerDocument.createTextNode(' '), ...second.childNodes);
      second.remove();
    }
  },
};

/** What may sit between the halves: empty blocks and ad slots. */
function isFiller(element: Element): boolean {
  if (element.querySelector('img, picture, video, table')) return false;
  const text = textOf(element);
  return text === '' || AD_LABEL.test(text);
}
