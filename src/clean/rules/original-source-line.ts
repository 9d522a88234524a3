import { textRule } from './rule.js';

/** "The original source of this article is …", "This article was originally published on …". */
const ORIGINAL_SOURCE_TEXT =
  /^(the original source of this article is|(this (article|story|post|piece) )?(was )?(originally|first) (published|appeared) (on|in|at|by)|source:|originally published (on|in|at|by))/i;

export const originalSourceLine = textRule({
  id: 'original-source-line',
  reason: 'the "original source" line is metadata (original_source), not article text',
  pattern: ORIGINAL_SOURCE_TEXT,
  maxChars: 300,
  candidates: ['p', 'div', 'section', 'span', 'em', 'i', 'small'],
});
