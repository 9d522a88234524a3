import { type RemovalRule, textOf } from './rule.js';

/** The "fair use" notice: copyrighted material used without the owner's authorisation. */
const FAIR_USE_TEXT =
  /\bcopyrighted material\b[\s\S]*\bfair use\b|\bfair use\b[\s\S]*\bcopyrighted material\b/i;
const FAIR_USE_MAX_CHARS = 1000;

export const fairUse: RemovalRule = {
  kind: 'remove',
  id: 'fair-use',
  reason: 'the "fair use" notice is legal footer, not article text',
  candidates: ['p', 'div', 'section', 'footer'],
  filter: (element) => {
    const text = textOf(element);
    return text.length <= FAIR_USE_MAX_CHARS && FAIR_USE_TEXT.test(text);
  },
};
