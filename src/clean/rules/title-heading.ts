import { type RemovalRule, textOf, titleKey } from './rule.js';

/** Where a repeated headline sits: a heading, or a styled paragraph on pages without one. */
const HEADLINE_BLOCKS = ['h1', 'h2', 'h3', 'p', 'div'];

export const titleHeading: RemovalRule = {
  kind: 'remove',
  id: 'title-heading',
  reason: 'the headline is the title field of the front-matter; the body does not repeat it',
  candidates: HEADLINE_BLOCKS,
  filter: (element, context) => {
    if (!context.title) return false;
    return titleKey(textOf(element)) === titleKey(context.title);
  },
};
