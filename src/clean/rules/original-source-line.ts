import { textRule } from './rule.js';

/**
 * "The original source of this article is …", "This article was originally published on …",
 * a syndication credit ("Via SyndiGate.info") and a "how to cite this page" line ("Citation:
 * Title (2019, November 18) retrieved 20 November 2019 from https://…").
 */
const ORIGINAL_SOURCE_TEXT =
  /^(the original source of this article is|(this (article|story|post|piece) )?(was )?(originally|first) (published|appeared) (on|in|at|by)|source:|originally published (on|in|at|by)|via [\w-]+(\.[\w-]+)*\.[a-z]{2,}$|(citation|cite this (article|page|story)|how to cite( this (article|page))?)\s*:.{0,250}\b(retrieved|accessed)\b.{0,60}\bfrom https?:\/\/\S+$)/i;

export const originalSourceLine = textRule({
  id: 'original-source-line',
  reason:
    'the "original source" and "how to cite" lines are metadata about the page, not article text',
  pattern: ORIGINAL_SOURCE_TEXT,
  maxChars: 300,
  candidates: ['p', 'div', 'section', 'span', 'em', 'i', 'small'],
});
