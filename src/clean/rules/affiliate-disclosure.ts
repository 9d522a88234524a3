import { anyOf, textRule } from './rule.js';

/** "We may earn a commission …", "FTC: We use income earning auto affiliate links." */
const DISCLOSURE_TEXT =
  /\baffiliate (commission|links?|partnerships?)\b|\b(we|us|our)\b.{0,40}\b(earn|receive|get)\b.{0,40}\b(commission|compensation|share of sales)\b/i;

/** A deals post's closing small print: "… may receive a commission on orders placed through this article." */
const COMMISSION_ON_ORDERS =
  /\b(commission|compensation) on (orders|purchases|sales)( \w+)? (through|from|via) (this|our|these|the) (article|post|page|site|links?)\b/i;
const REASON = 'affiliate and commission disclosures are publisher legal text, not the article';
const CANDIDATES = ['p', 'div', 'span', 'em', 'i', 'small', 'aside'];

export const affiliateDisclosure = anyOf(
  textRule({
    id: 'affiliate-disclosure',
    reason: REASON,
    pattern: DISCLOSURE_TEXT,
    maxChars: 300,
    candidates: CANDIDATES,
  }),
  textRule({
    id: 'affiliate-disclosure',
    reason: REASON,
    pattern: COMMISSION_ON_ORDERS,
    maxChars: 600,
    candidates: CANDIDATES,
  }),
);
