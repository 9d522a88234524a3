import { textRule } from './rule.js';

/**
 * "The original source of this article is …", "This article was originally published on …",
 * a syndication credit ("Via SyndiGate.info"), the print-edition line ("A version of this article
 * appears in print on …"), "原标题：" (the original headline) and a "how to cite" line ("Citation:
 * Title (2019, November 18) retrieved 20 November 2019 from https://…").
 */
const ORIGINAL_SOURCE_TEXT =
  /^(the original source of this article is|(this (article|story|post|piece) )?(was )?(originally|first) (published|appeared) (on|in|at|by)|source:|originally published (on|in|at|by)|via [\w-]+(\.[\w-]+)*\.[a-z]{2,}$|a version of this (article|story|review|essay) appear(s|ed) in print on\b|this (article|story) appeared in (the )?print( edition)?\b|原标题\s*[:：]|(citation|cite this (article|page|story)|how to cite( this (article|page))?)\s*:.{0,250}\b(retrieved|accessed)\b.{0,60}\bfrom https?:\/\/\S+$)/i;

export const originalSourceLine = textRule({
  id: 'original-source-line',
  reason:
    'the "original source" and "how to cite" lines are metadata about the page, not article text',
  pattern: ORIGINAL_SOURCE_TEXT,
  maxChars: 300,
  candidates: ['p', 'div', 'section', 'span', 'em', 'i', 'small'],
});
