import { textRule } from './rule.js';

/**
 * "Disclaimer: The contents of this article are of sole responsibility of the author", "…
 * views and investment tips expressed … are their own": a label, then the language of a legal
 * notice. An author's caveat under the same label ("Disclaimer: if you see different patch
 * sizes …") is part of the article.
 */
const DISCLAIMER_TEXT =
  /^(disclaimer|legal notice|haftungsausschluss)\s*:.*\b(views?|opinions?|responsib|liab|advice|advis|endorse|accura|warrant|guarantee|investment|financial|medical|affiliat|compensat|sponsor|not intended|informational|own risk|the author|haftung|gewähr)/i;

export const disclaimer = textRule({
  id: 'disclaimer',
  reason: "the publisher's disclaimer is legal footer, not article text",
  pattern: DISCLAIMER_TEXT,
  maxChars: 800,
  candidates: ['p', 'div', 'section', 'footer'],
});
