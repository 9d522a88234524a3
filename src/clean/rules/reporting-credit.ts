import { textRule } from './rule.js';

/** "Reporting by …; Editing by …", "Associated Press writers … contributed to this report." */
const CREDIT_LINE =
  /^\(?((additional )?reporting|writing|editing|compiled|produced) by\b|\bcontributed (to )?(this )?(report|story|article)(ing)?\.?\)?$/i;

export const reportingCredit = textRule({
  id: 'reporting-credit',
  reason: 'newsroom credit lines ("Reporting by …", "… contributed to this report") are not article text',
  pattern: CREDIT_LINE,
  maxChars: 400,
  candidates: 'p, div, span, em, i, small',
});
