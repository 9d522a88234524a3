import { linkedLength, type RemovalRule, textOf } from './rule.js';

/** "Tags: a, b, c", "Topics:", "Filed under:", "Categories:", "Region:", "Theme:". */
const TAG_LABEL =
  /^(tags?|topics?|filed under|categories|category|keywords|related topics|more on|region|theme|section|in-depth report)\s*[:/|]?/i;
const MAX_CHARS = 400;
/** Share of the text after the label that is links: a list of tags, not a sentence. */
const MIN_LINKED_SHARE = 0.5;

export const tagList: RemovalRule = {
  kind: 'remove',
  id: 'tag-list',
  reason: 'tag and category lists are site taxonomy (metadata), not article text',
  candidates: ['p', 'div', 'ul', 'section', 'span', 'footer'],
  filter: (element) => {
    const text = textOf(element);
    const label = text.length <= MAX_CHARS ? TAG_LABEL.exec(text) : null;
    if (label === null) return false;
    // The label is plain text, so only what follows it is weighed ("Filed under: Syi'ah |").
    const listed = text.length - label[0].length;
    return listed > 0 && linkedLength(element) >= listed * MIN_LINKED_SHARE;
  },
};
