import { linkDensity, type RemovalRule, textOf } from './rule.js';

/** "Tags: a, b, c", "Topics:", "Filed under:", "Categories:", "Region:", "Theme:". */
const TAG_LABEL =
  /^(tags?|topics?|filed under|categories|category|keywords|related topics|more on|region|theme|section|in-depth report)\s*[:/|]?/i;
const MAX_CHARS = 400;

export const tagList: RemovalRule = {
  kind: 'remove',
  id: 'tag-list',
  reason: 'tag and category lists are site taxonomy (metadata), not article text',
  candidates: ['p', 'div', 'ul', 'section', 'span', 'footer'],
  filter: (element) => {
    const text = textOf(element);
    return text.length <= MAX_CHARS && TAG_LABEL.test(text) && linkDensity(element) >= 0.5;
  },
};
