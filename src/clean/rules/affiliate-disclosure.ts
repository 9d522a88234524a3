import { textRule } from './rule.js';

/** "We may earn a commission …", "FTC: We use income earning auto affiliate links." */
const DISCLOSURE_TEXT =
  /\b(affiliate (commission|links?|partnerships?)|(may|might) (earn|receive|get) (a |an )?(small )?(share of sales|commission|compensation)|earn(s)? a commission)\b/i;

export const affiliateDisclosure = textRule({
  id: 'affiliate-disclosure',
  reason: 'affiliate and commission disclosures are publisher legal text, not the article',
  pattern: DISCLOSURE_TEXT,
  maxChars: 300,
  candidates: 'p, div, span, em, i, small, aside',
});
