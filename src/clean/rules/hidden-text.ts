import { classRule } from './rule.js';

/**
 * Text a reader never sees on the page, which the page names as such: hover cards and tooltips
 * that pop out of a link ("rollover-people-block", "tooltip-content"), and screen-reader-only
 * labels ("sr-only", "screen-reader-text", "visually-hidden"). Readability drops what inline
 * styles hide; these are hidden by the site's stylesheet, which stet never loads. Plain
 * "hidden" classes are left alone: scripts often reveal those ("read more" expanders).
 */
const HIDDEN_CLASS =
  /(^|[\s_-])(rollover-[\w-]*block|hover-?card|tooltip-?(content|text|body|inner)|popover-?(content|body)|sr-only|screen-reader-(text|only)|visually-?hidden|element-(hidden|invisible))([\s_-]|$)/;

export const hiddenText = classRule({
  id: 'hidden-text',
  reason: 'hover cards, tooltips and screen-reader-only labels are not shown to the reader',
  pattern: HIDDEN_CLASS,
  maxShare: 0.2,
  maxChars: 1500,
  candidates: ['span', 'div', 'p', 'a', 'em', 'small', 'strong', 'aside', 'section', 'h2', 'h3'],
});
