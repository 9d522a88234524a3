import { textRule } from './rule.js';

/** "Disclaimer: The contents of this article are …" */
const DISCLAIMER_TEXT = /^(disclaimer|legal notice|haftungsausschluss)\s*:/i;

export const disclaimer = textRule({
  id: 'disclaimer',
  reason: "the publisher's disclaimer is legal footer, not article text",
  pattern: DISCLAIMER_TEXT,
  maxChars: 800,
  candidates: ['p', 'div', 'section', 'footer'],
});
