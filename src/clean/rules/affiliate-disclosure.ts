import { textRule } from './rule.js';

/** "We may earn a commission …", "FTC: We use income earning auto affiliate links." */
const DISCLOSURE_TEXT =
  /\baffiliate (commission|links?|partnerships?)\b|\b(we|us|our)\b.{0,40}\b(earn|receive|get)\b.{0,40}\b(commission|compensation|share of sales)\b/i;

export const affiliateDisclosure = textRule({
  id: 'affiliate-disclosure',
  reason: 'affiliate and commission disclosures are publisher legal text, not the article',
  pattern: DISCLOSURE_TEXT,
  maxChars: 300,
  candidates: ['p', 'div', 'span', 'em', 'i', 'small', 'aside'],
});
