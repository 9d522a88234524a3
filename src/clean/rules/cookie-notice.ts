import { anyOf, classRule, textRule } from './rule.js';

/** Cookie banners and consent prompts. */
const COOKIE_TEXT =
  /^(.{0,200}\b(we|this (web)?site) uses? cookies\b|.{0,200}\bby (continuing|using) (to use )?(this|our) (site|website)\b.{0,80}\b(cookies|privacy policy)|.{0,100}\b(accept|manage) (all )?cookies\b)/i;
const COOKIE_CLASS = /(cookie|consent|gdpr|cmp-)/;

const REASON = 'cookie and consent notices are legal chrome, not the article';

export const cookieNotice = anyOf(
  textRule({
    id: 'cookie-notice',
    reason: REASON,
    pattern: COOKIE_TEXT,
    maxChars: 500,
  }),
  classRule({
    id: 'cookie-notice',
    reason: REASON,
    pattern: COOKIE_CLASS,
    maxShare: 0.2,
    maxChars: 800,
  }),
);
