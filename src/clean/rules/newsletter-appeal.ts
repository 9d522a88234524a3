import { anyOf, classRule, textRule } from './rule.js';

/** Newsletter sign-up boxes: "Sign up for our newsletter", "Subscribe to …", "Get the … in your inbox". */
const NEWSLETTER_TEXT =
  /^(.{0,80}[.!?]\s+(sign up for|subscribe to)\b.{0,150}\b(newsletters?|inbox)\b|(subscribe to|get) .{1,60}\b(and stay|delivered (to|through) your)\b.{0,150}|(please |click here to )?(sign up|signup|subscribe|register|join|get|receive|want|never miss|stay (up to date|informed|on top))\b.{0,150}\b(newsletters?|e-?mails?|inbox|updates|alerts|briefing|digest)\b|get (our|the) .{0,60}(newsletter|in your inbox))/i;
const NEWSLETTER_CLASS =
  /(newsletter|signup|sign-up|subscribe|subscription|optin|opt-in|mailing-list)/;

const REASON = 'newsletter sign-up appeals are site promotion, not the article';

export const newsletterAppeal = anyOf(
  textRule({
    id: 'newsletter-appeal',
    reason: REASON,
    pattern: NEWSLETTER_TEXT,
    maxChars: 350,
  }),
  classRule({
    id: 'newsletter-appeal',
    reason: REASON,
    pattern: NEWSLETTER_CLASS,
    maxShare: 0.15,
    maxChars: 500,
  }),
);
