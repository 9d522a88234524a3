import { MEDIA, type TransformRule, textOf } from './rule.js';

/** Blocks that may be emptied by the rules before them. */
const EMPTIABLE =
  'p, div, section, aside, header, footer, ul, ol, li, span, figure, blockquote, h1, h2, h3, h4, h5, h6, a, strong, em, b, i';

export const emptyBlocks: TransformRule = {
  kind: 'transform',
  id: 'empty-blocks',
  reason: 'blocks left without text or media after cleaning are noise',
  apply: (root, context) => {
    // Deepest first, so a wrapper emptied by removing its children goes too.
    for (const element of [...root.querySelectorAll(EMPTIABLE)].reverse()) {
      if (context.verbatim.has(element)) continue;
      if (textOf(element) === '' && !element.matches(MEDIA) && !element.querySelector(MEDIA))
        element.remove();
    }
  },
};
